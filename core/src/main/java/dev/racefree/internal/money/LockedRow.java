package dev.racefree.internal.money;

import dev.racefree.Posting;
import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.runner.Failures;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.internal.sql.Funds;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.VelocityLimitExceeded;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * The account row a {@code withLock} work holds locked, behind {@code LockedAccount}: its values as
 * locked, the checked debit and credit under the lock (a refusal runs no SQL: the locked row is
 * exact), and the end of its validity when the work returns.
 */
public final class LockedRow {

  private final Tx tx;
  private final long id;
  private final String currency;
  private long balance;
  private final long held;
  private final long minBalance;
  private final @Nullable Long maxBalance;
  private final AccountStatus status;
  private final boolean limited;
  private boolean ended;

  public LockedRow(Tx tx, AccountRow row) {
    this.tx = tx;
    this.id = row.id();
    this.currency = row.currency();
    this.balance = row.balance();
    this.held = row.held();
    this.minBalance = row.minBalance();
    this.maxBalance = row.maxBalance();
    this.status = row.status();
    this.limited = row.limited();
  }

  /** The account id. */
  public long id() {
    return id;
  }

  /** The ISO 4217 currency code. */
  public String currency() {
    return currency;
  }

  /** The balance now, including this work's own debits and credits. Exact while the lock holds. */
  public long balance() {
    live();
    return balance;
  }

  /**
   * Debits under the lock, within available funds ({@code balance - held}), the lower bound and the
   * account's velocity limits. A refusal ({@code InsufficientFunds}, frozen, closed) runs no SQL:
   * the locked row is exact; an account with velocity limits reads them, under the lock.
   *
   * @param amount minor units, positive
   */
  public DebitResult debit(long amount) {
    live();
    Check.amount(amount, "amount");
    AccountRow now =
        new AccountRow(id, currency, balance, held, minBalance, maxBalance, status, limited);
    if (!now.covers(amount)) {
      return now.debitRefusal();
    }
    VelocityLimitExceeded refused = now.velocityRefusal(tx, amount);
    if (refused != null) {
      return refused;
    }
    balance =
        written(write(() -> BalanceWrites.debit(tx, id, amount, EntryTag.debit(Posting.of()))));
    return new Debited(balance);
  }

  /**
   * Credits under the lock and returns the new balance.
   *
   * @param amount minor units, positive
   * @throws AmountOutOfRangeException when the balance would pass its maximum or {@code
   *     Long.MAX_VALUE}
   * @throws InvalidArgumentException when the account is closed
   */
  public long credit(long amount) {
    live();
    Check.amount(amount, "amount");
    if (status == AccountStatus.closed) {
      throw new InvalidArgumentException("account " + id + " is closed: it takes no credit");
    }
    if (!Funds.fits(balance, maxBalance, amount)) {
      throw AmountOutOfRangeException.aboveMaximum(
          id, balance, maxBalance == null ? Long.MAX_VALUE : maxBalance, amount);
    }
    balance =
        written(write(() -> BalanceWrites.credit(tx, id, amount, EntryTag.credit(Posting.of()))));
    return balance;
  }

  /**
   * The transaction's own context, for the caller's statements that must commit or roll back
   * together with this work. Its {@code transaction(...)} calls are savepoints.
   */
  public DSLContext dsl() {
    live();
    return tx.dsl();
  }

  public void end() {
    ended = true;
  }

  private void live() {
    if (ended) {
      throw new InvalidArgumentException(
          "this LockedAccount (account "
              + id
              + ") was used after its withLock work "
              + "returned; its lock and transaction are gone");
    }
  }

  @FunctionalInterface
  private interface Write {
    @Nullable Long run() throws SQLException;
  }

  private static @Nullable Long write(Write write) {
    try {
      return write.run();
    } catch (SQLException | DataAccessException e) { // a dead connection included
      throw Failures.classify(e);
    }
  }

  private long written(@Nullable Long newBalance) {
    if (newBalance == null) {
      throw new InternalErrorException(
          "the locked row of account " + id + " refused a checked write");
    }
    return newBalance;
  }
}
