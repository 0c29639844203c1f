package dev.racefree;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.holds.HoldEnds;
import dev.racefree.internal.runner.OperationRunner;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.sql.Funds;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.LimitResult;
import dev.racefree.result.LimitsSet;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.OutsideLimits;
import java.math.BigDecimal;
import org.jooq.Condition;
import org.jspecify.annotations.Nullable;

/**
 * Per-account bounds, enforced by the database in every debit's and credit's own WHERE clause: a
 * lower bound on {@code balance - held} ({@code minBalance}: 0 by default, negative for a credit
 * line) and an optional upper bound on the balance. A CHECK constraint backs both.
 *
 * <p>A change takes the account's row lock, so it never races a debit: a debit that commits after
 * the change is checked against the new bounds. A change the current balance already breaks is
 * refused with {@link OutsideLimits}; bring the balance within the new bounds first.
 */
public final class Limits {

  private final OperationRunner db;

  Limits(OperationRunner db) {
    this.db = db;
  }

  /**
   * Sets the account's bounds.
   *
   * @param minBalance the lowest {@code balance - held} a debit or hold may leave, within +/- 2^62
   * @param maxBalance the highest balance a credit may leave, or {@code null} for none; at least
   *     {@code minBalance}
   */
  public LimitResult set(long accountId, long minBalance, @Nullable Long maxBalance) {
    Check.id(accountId, "accountId");
    Check.bound(minBalance, "minBalance");
    if (maxBalance != null && (maxBalance < minBalance || maxBalance < -(1L << 62))) {
      throw new InvalidArgumentException(
          "maxBalance must be at least minBalance (" + minBalance + "), was " + maxBalance);
    }
    return db.run(
        "limits.set",
        tx -> {
          if (apply(tx, accountId, minBalance, maxBalance)
              || (HoldEnds.sweep(tx, accountId) > 0
                  && apply(tx, accountId, minBalance, maxBalance))) {
            return new LimitsSet(minBalance, maxBalance);
          }
          return tx.dsl()
              .select(ACCOUNTS.BALANCE, ACCOUNTS.HELD, ACCOUNTS.STATUS)
              .from(ACCOUNTS)
              .where(ACCOUNTS.ID.eq(accountId))
              .fetchOptional(r ->
                  r.value3() == AccountStatus.closed
                      ? (LimitResult) new AccountClosed(accountId)
                      : new OutsideLimits(r.value1(), r.value2()))
              .orElseGet(() -> new NoSuchAccount(accountId));
        });
  }

  /** The conditional update: true when the row is within the new bounds and now has them. */
  private static boolean apply(Tx tx, long accountId, long min, @Nullable Long max) {
    Condition within = Funds.unheld().ge(val(BigDecimal.valueOf(min)));
    if (max != null) {
      within = within.and(ACCOUNTS.BALANCE.le(max));
    }
    within = within.and(ACCOUNTS.STATUS.ne(AccountStatus.closed));
    return tx.dsl()
            .update(ACCOUNTS)
            .set(ACCOUNTS.MIN_BALANCE, min)
            .set(ACCOUNTS.MAX_BALANCE, max)
            .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(inline(1L)))
            .where(ACCOUNTS.ID.eq(accountId))
            .and(within)
            .execute()
        == 1;
  }
}
