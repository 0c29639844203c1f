package dev.racefree;

import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import org.jooq.DSLContext;

/**
 * An account whose row this transaction holds locked, handed to the work of {@link
 * Accounts#withLock}. Between reading {@link #balance()} and writing, no other transaction can
 * change the row. Valid only inside that work.
 */
public final class LockedAccount {

  private final DSLContext tx;
  private final BalanceWrites writes;
  private final long id;
  private final String currency;
  private long balance;

  LockedAccount(DSLContext tx, BalanceWrites writes, RowLock.Row row) {
    this.tx = tx;
    this.writes = writes;
    this.id = row.id();
    this.currency = row.currency();
    this.balance = row.balance();
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
    return balance;
  }

  /**
   * Debits under the lock. {@link InsufficientFunds} runs no SQL: the locked balance is exact.
   *
   * @param amount minor units, positive
   */
  public DebitResult debit(long amount) {
    Check.amount(amount, "amount");
    if (amount > balance) {
      return new InsufficientFunds(balance);
    }
    balance = writes.debit(tx, id, amount, EntryTag.DEBIT);
    return new Debited(balance);
  }

  /**
   * Credits under the lock and returns the new balance.
   *
   * @param amount minor units, positive
   * @throws AmountOutOfRangeException when the balance would pass {@code Long.MAX_VALUE}
   */
  public long credit(long amount) {
    Check.amount(amount, "amount");
    if (balance > Long.MAX_VALUE - amount) {
      throw AmountOutOfRangeException.overflow(id, balance, amount);
    }
    balance = writes.credit(tx, id, amount, EntryTag.CREDIT);
    return balance;
  }

  /**
   * The transaction's own context, for the caller's statements that must commit or roll back
   * together with this work.
   */
  public DSLContext dsl() {
    return tx;
  }
}
