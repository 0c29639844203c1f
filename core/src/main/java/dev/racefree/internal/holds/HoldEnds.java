package dev.racefree.internal.holds;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.HOLDS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.HoldState;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.result.AlreadyCaptured;
import dev.racefree.result.AlreadyReleased;
import dev.racefree.result.HoldExpired;
import dev.racefree.result.HoldRefusal;
import dev.racefree.result.ReleaseResult;
import dev.racefree.result.Released;
import dev.racefree.result.UnknownHold;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Releases, the reasons an ended hold refuses, and the reads holds need: available funds and the
 * accounts with lapsed holds.
 */
public final class HoldEnds {

  private HoldEnds() {}

  public static ReleaseResult release(Tx tx, long holdId) {
    if (HoldWrites.end(tx, holdId, HoldState.released, null) != null) {
      return new Released(holdId);
    }
    HoldRow row = HoldRow.read(tx, holdId).orElse(null);
    if (row != null && row.state() == HoldState.active && !row.expired()) {
      throw new InternalErrorException("an active hold " + holdId + " refused its release");
    }
    return ended(tx, holdId, row);
  }

  /** Why an ended, lapsed or unknown hold refused; marks a lapsed one expired. */
  public static HoldRefusal ended(Tx tx, long holdId, @Nullable HoldRow row) {
    if (row == null) {
      return new UnknownHold(holdId);
    }
    if (row.lapsed()) {
      HoldWrites.end(tx, holdId, HoldState.expired, null); // whoever marks it, it is expired
      return new HoldExpired(holdId);
    }
    return switch (row.state()) {
      case captured -> new AlreadyCaptured(holdId, row.captured() == null ? 0 : row.captured());
      case released -> new AlreadyReleased(holdId);
      case expired, active -> new HoldExpired(holdId);
    };
  }

  /** The balance minus active, unexpired holds, by the database's clock; empty if no account. */
  public static Optional<Long> available(Tx tx, long accountId) {
    return tx.dsl()
        .select(
            ACCOUNTS
                .BALANCE
                .cast(SQLDataType.NUMERIC)
                .minus(
                    coalesce(
                        field(
                            select(sum(HOLDS.AMOUNT))
                                .from(HOLDS)
                                .where(HOLDS.ACCOUNT_ID.eq(accountId))
                                .and(HOLDS.STATE.eq(HoldState.active))
                                .and(HOLDS.EXPIRES_AT.gt(DbClock.NOW))),
                        val(BigDecimal.ZERO))))
        .from(ACCOUNTS)
        .where(ACCOUNTS.ID.eq(accountId))
        .fetchOptional(r -> r.value1().longValueExact());
  }

  /** The accounts that have active holds past their expiry. */
  public static List<Long> withLapsedHolds(Tx tx) {
    return tx.dsl()
        .selectDistinct(HOLDS.ACCOUNT_ID)
        .from(HOLDS)
        .where(HOLDS.STATE.eq(HoldState.active))
        .and(HOLDS.EXPIRES_AT.le(DbClock.NOW))
        .fetch(HOLDS.ACCOUNT_ID);
  }
}
