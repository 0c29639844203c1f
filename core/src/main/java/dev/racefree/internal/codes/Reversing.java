package dev.racefree.internal.codes;

import static dev.racefree.internal.schema.Tables.CODES;
import static dev.racefree.internal.schema.Tables.CODE_REDEMPTIONS;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.schema.tables.CodeRedemptions;
import dev.racefree.internal.schema.tables.Codes;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.result.CodeReversalResult;
import dev.racefree.result.RedemptionAlreadyReversed;
import dev.racefree.result.RedemptionReversed;
import dev.racefree.result.UnknownRedemption;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Record2;

/**
 * A reversal, in one statement: {@code WITH r AS (UPDATE code_redemptions SET reversed_at =
 * statement_timestamp() WHERE id = :id AND reversed_at IS NULL RETURNING code_id) UPDATE codes SET
 * uses = uses - 1 FROM r WHERE codes.id = r.code_id RETURNING ...}. The redemption is marked and
 * its use given back together, or neither; of concurrent reversals of one redemption, the row lock
 * on it lets one through, and the others find it reversed.
 */
public final class Reversing {

  private static final Codes C = CODES;
  private static final CodeRedemptions R = CODE_REDEMPTIONS;

  private Reversing() {}

  public static CodeReversalResult reverse(DSLContext dsl, long redemptionId) {
    CommonTableExpression<Record1<Long>> r =
        name("r")
            .as(
                dsl.update(R)
                    .set(R.REVERSED_AT, DbClock.NOW)
                    .where(R.ID.eq(redemptionId))
                    .and(R.REVERSED_AT.isNull())
                    .returningResult(R.CODE_ID));
    Optional<CodeReversalResult> reversed =
        dsl.with(r)
            .update(C)
            .set(C.USES, C.USES.minus(inline(1L)))
            .from(r)
            .where(C.ID.eq(r.field(R.CODE_ID)))
            .returningResult(C.ID, C.MAX_USES.minus(C.USES))
            .fetchOptional(u ->
                (CodeReversalResult) new RedemptionReversed(redemptionId, u.value1(), u.value2()));
    return reversed.orElseGet(() -> whyNot(dsl, redemptionId));
  }

  /** Failure path only: read why the reversal matched nothing. */
  private static CodeReversalResult whyNot(DSLContext dsl, long redemptionId) {
    Optional<Record2<Long, OffsetDateTime>> row =
        dsl.select(R.CODE_ID, R.REVERSED_AT).from(R).where(R.ID.eq(redemptionId)).fetchOptional();
    if (row.isEmpty()) {
      return new UnknownRedemption(redemptionId);
    }
    OffsetDateTime reversedAt = row.get().value2();
    if (reversedAt == null) {
      throw new InternalErrorException(
          "redemption " + redemptionId + " is not reversed, yet reversing it matched no row");
    }
    return new RedemptionAlreadyReversed(redemptionId, row.get().value1(), reversedAt.toInstant());
  }
}
