package dev.racefree;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.HOLDS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.UnknownAccountException;
import dev.racefree.internal.schema.enums.HoldState;
import dev.racefree.result.AboveHold;
import dev.racefree.result.AlreadyCaptured;
import dev.racefree.result.AlreadyReleased;
import dev.racefree.result.CaptureResult;
import dev.racefree.result.Captured;
import dev.racefree.result.Held;
import dev.racefree.result.HoldExpired;
import dev.racefree.result.HoldRefusal;
import dev.racefree.result.HoldResult;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.ReleaseResult;
import dev.racefree.result.Released;
import dev.racefree.result.UnknownHold;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Record2;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Holds, or two-phase debits: {@link #hold} reserves money on an account until it is {@link
 * #capture captured} (in part or in full), {@link #release released}, or expires. Available funds
 * are the balance minus active holds; every debit, transfer and hold checks them in its own
 * conditional statement, so holds and debits together never pass the account's lower bound.
 *
 * <p>Expiry is by the database's clock, at the start of each statement: from {@code expiresAt} on,
 * a hold can not be captured or released and stops counting. No sweeper is needed: the first
 * operation that needs the money marks the account's lapsed holds expired; {@link #sweepExpired}
 * marks them all, for the record. Each hold ends exactly once, however many callers race: a
 * capture, a release and the expiry of one hold never more than one of them wins.
 */
public final class Holds {

  private final Db db;

  Holds(Db db) {
    this.db = db;
  }

  /**
   * Reserves {@code amount} on the account until {@code expiresAt}, if available funds cover it
   * within the account's lower bound.
   *
   * @param amount minor units, positive
   * @param expiresAt when the hold lapses; must be after the database's clock
   * @throws InvalidArgumentException when {@code expiresAt} is not after the database's clock
   */
  public HoldResult hold(long accountId, long amount, Instant expiresAt) {
    Check.id(accountId, "accountId");
    Check.amount(amount, "amount");
    OffsetDateTime until = Check.instant(expiresAt, "expiresAt");
    return db.run(tx -> {
      Record2<Long, Long> held = HoldOpening.open(tx, accountId, amount, until);
      if (held == null && HoldWrites.sweep(tx, accountId) > 0) {
        held = HoldOpening.open(tx, accountId, amount, until); // lapsed holds stop counting
      }
      if (held != null) {
        return new Held(held.value1(), held.value2());
      }
      AccountRow row = AccountRow.read(tx, accountId).orElse(null);
      if (row == null) {
        return new NoSuchAccount(accountId);
      }
      if (tx.dsl().select(field(val(until).le(HoldWrites.NOW))).fetchSingle().value1()) {
        throw new InvalidArgumentException(
            "expiresAt must be after the database's clock, was " + expiresAt);
      }
      return row.debitRefusal();
    });
  }

  /**
   * Captures {@code amount}, at most the held amount, before the hold expires: the amount leaves
   * the balance (one ledger entry, of kind {@code capture}), and the rest of the hold is released.
   *
   * @param amount minor units, positive, at most the held amount
   */
  public CaptureResult capture(long holdId, long amount) {
    Check.id(holdId, "holdId");
    Check.amount(amount, "amount");
    return db.run(tx -> {
      Long balance = HoldWrites.end(tx, holdId, HoldState.captured, amount);
      if (balance != null) {
        return new Captured(amount, balance);
      }
      HoldRow row = HoldRow.read(tx, holdId).orElse(null);
      if (row != null && row.state() == HoldState.active && !row.expired()) {
        if (row.amount() < amount) {
          return new AboveHold(holdId, row.amount());
        }
        throw new InternalErrorException("an active hold " + holdId + " refused its capture");
      }
      return ended(tx, holdId, row);
    });
  }

  /** Releases the hold before it expires: its whole amount becomes available again. */
  public ReleaseResult release(long holdId) {
    Check.id(holdId, "holdId");
    return db.run(tx -> {
      if (HoldWrites.end(tx, holdId, HoldState.released, null) != null) {
        return new Released(holdId);
      }
      HoldRow row = HoldRow.read(tx, holdId).orElse(null);
      if (row != null && row.state() == HoldState.active && !row.expired()) {
        throw new InternalErrorException("an active hold " + holdId + " refused its release");
      }
      return ended(tx, holdId, row);
    });
  }

  /** Why an ended, lapsed or unknown hold refused; marks a lapsed one expired. */
  private static HoldRefusal ended(Tx tx, long holdId, @Nullable HoldRow row) {
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

  /**
   * The balance minus active, unexpired holds, by the database's clock.
   *
   * @throws UnknownAccountException when no account has this id
   */
  public long available(long accountId) {
    Check.id(accountId, "accountId");
    return db.run(tx ->
            tx.dsl()
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
                                        .and(HOLDS.EXPIRES_AT.gt(HoldWrites.NOW))),
                                val(BigDecimal.ZERO))))
                .from(ACCOUNTS)
                .where(ACCOUNTS.ID.eq(accountId))
                .fetchOptional(r -> r.value1().longValueExact()))
        .orElseThrow(() -> new UnknownAccountException(accountId));
  }

  /**
   * Marks every hold whose expiry has passed expired, account by account, and returns how many. Not
   * needed for correctness: lapsed holds already stop counting. Run it to keep the record tidy.
   */
  public int sweepExpired() {
    List<Long> accounts =
        db.run(tx ->
            tx.dsl()
                .selectDistinct(HOLDS.ACCOUNT_ID)
                .from(HOLDS)
                .where(HOLDS.STATE.eq(HoldState.active))
                .and(HOLDS.EXPIRES_AT.le(HoldWrites.NOW))
                .fetch(HOLDS.ACCOUNT_ID));
    int swept = 0;
    for (long id : accounts) {
      swept += db.run(tx -> HoldWrites.sweep(tx, id));
    }
    return swept;
  }
}
