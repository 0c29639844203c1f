package dev.racefree;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static org.jooq.impl.DSL.cardinality;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.holds.HoldEnds;
import dev.racefree.internal.money.Velocity;
import dev.racefree.internal.runner.OperationRunner;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.Routines;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.schema.udt.records.VelocityLimitRecord;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.internal.sql.Funds;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.LimitResult;
import dev.racefree.result.LimitsSet;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.OutsideLimits;
import dev.racefree.result.VelocityLimitsSet;
import dev.racefree.result.VelocityResult;
import java.math.BigDecimal;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Per-account bounds, enforced by the database in every debit's and credit's own WHERE clause: a
 * lower bound on {@code balance - held} ({@code minBalance}: 0 by default, negative for a credit
 * line) and an optional upper bound on the balance. A CHECK constraint backs both.
 *
 * <p>And spend velocity limits ({@link #setVelocity}): caps on what the debits, holds and outgoing
 * transfers of each period take, and on how many there are, checked and counted on the account's
 * own row in the statement that checks its funds. A debit that does not fit is {@link
 * dev.racefree.result.VelocityLimitExceeded}. A released or expired hold gives back what it
 * counted; a captured one keeps what it took. Reversals and imports are no spends.
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

  /**
   * Sets velocity limit {@code limit.name()} on the account, replacing the one of that name: with
   * the same period it keeps counting what the period has spent, with another it counts afresh. The
   * change takes the account's row lock, so a spend that commits after it is judged by it.
   *
   * @throws InvalidArgumentException when the account would carry more than {@value
   *     #MAX_VELOCITY_LIMITS} limits
   */
  public VelocityResult setVelocity(long accountId, VelocityLimit limit) {
    Check.id(accountId, "accountId");
    Check.notNull(limit, "limit");
    Period p = limit.period();
    return db.run(
        "limits.setVelocity",
        tx -> {
          Field<VelocityLimitRecord[]> set =
              Routines.velocitySet(
                  ACCOUNTS.VELOCITY,
                  val(limit.name()),
                  val(p.unit()),
                  val(p.zoneName()),
                  val(p.granule()),
                  val(p.seconds()),
                  val(limit.maxAmount(), SQLDataType.BIGINT),
                  val(limit.maxCount(), SQLDataType.BIGINT),
                  DbClock.NOW);
          return velocityChange(tx, accountId, set, cardinality(set).le(MAX_VELOCITY_LIMITS));
        });
  }

  /** Removes velocity limit {@code name} from the account, if it has one of that name. */
  public VelocityResult removeVelocity(long accountId, String name) {
    Check.id(accountId, "accountId");
    Check.text(name, "name", VelocityLimit.MAX_NAME);
    return db.run(
        "limits.removeVelocity",
        tx ->
            velocityChange(
                tx,
                accountId,
                Routines.velocityRemove(ACCOUNTS.VELOCITY, val(name)),
                DSL.trueCondition()));
  }

  /**
   * The account's velocity limits as they stand at the database's clock, in the order they were
   * first set; empty for an account without limits, or no account.
   */
  public List<VelocityUsage> velocity(long accountId) {
    Check.id(accountId, "accountId");
    return db.run(
        "limits.velocity",
        tx ->
            Velocity.uses(tx, accountId).stream()
                .map(
                    u -> new VelocityUsage(limitOf(u), u.usedAmount(), u.usedCount(), u.resetsAt()))
                .toList());
  }

  /** The most velocity limits one account carries. */
  public static final int MAX_VELOCITY_LIMITS = 10;

  private static VelocityResult velocityChange(
      Tx tx, long accountId, Field<VelocityLimitRecord[]> limits, Condition allowed) {
    int changed =
        tx.dsl()
            .update(ACCOUNTS)
            .set(ACCOUNTS.VELOCITY, limits)
            .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(inline(1L)))
            .where(ACCOUNTS.ID.eq(accountId))
            .and(ACCOUNTS.STATUS.ne(AccountStatus.closed))
            .and(allowed)
            .execute();
    if (changed == 0) {
      AccountStatus status =
          tx.dsl()
              .select(ACCOUNTS.STATUS)
              .from(ACCOUNTS)
              .where(ACCOUNTS.ID.eq(accountId))
              .fetchOne(ACCOUNTS.STATUS);
      if (status == null) {
        return new NoSuchAccount(accountId);
      }
      if (status == AccountStatus.closed) {
        return new AccountClosed(accountId);
      }
      throw new InvalidArgumentException(
          "limit: account "
              + accountId
              + " carries "
              + MAX_VELOCITY_LIMITS
              + " velocity limits already, the most it may");
    }
    return new VelocityLimitsSet(
        accountId, Velocity.uses(tx, accountId).stream().map(Limits::limitOf).toList());
  }

  /** The limit a row of {@code velocity_uses} describes. */
  private static VelocityLimit limitOf(Velocity.Use u) {
    return new VelocityLimit(
        u.name(), Period.of(u.unit(), u.zone(), u.seconds()), u.maxAmount(), u.maxCount());
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
