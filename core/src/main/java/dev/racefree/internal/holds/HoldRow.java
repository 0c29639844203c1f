package dev.racefree.internal.holds;

import static dev.racefree.internal.schema.Tables.HOLDS;
import static org.jooq.impl.DSL.field;

import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.HoldState;
import dev.racefree.internal.sql.DbClock;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A hold as read after a capture or release matched nothing, to say why: its state, amount, what a
 * capture took, and whether the database's clock has passed its expiry.
 */
public record HoldRow(HoldState state, long amount, @Nullable Long captured, boolean expired) {

  public static Optional<HoldRow> read(Tx tx, long holdId) {
    return tx.dsl()
        .select(HOLDS.STATE, HOLDS.AMOUNT, HOLDS.CAPTURED, field(HOLDS.EXPIRES_AT.le(DbClock.NOW)))
        .from(HOLDS)
        .where(HOLDS.ID.eq(holdId))
        .fetchOptional(r -> new HoldRow(r.value1(), r.value2(), r.value3(), r.value4()));
  }

  /** Active, and the clock has passed its expiry: nobody has marked it expired yet. */
  public boolean lapsed() {
    return state == HoldState.active && expired;
  }
}
