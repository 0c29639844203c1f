package dev.racefree;

import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.money.LockedRow;
import dev.racefree.result.DebitResult;
import org.jooq.DSLContext;

/**
 * An account whose row this transaction holds locked, handed to the work of {@link
 * Accounts#withLock}. Between reading {@link #balance()} and writing, no other transaction can
 * change the row. Valid only inside that work: afterwards every method throws {@link
 * InvalidArgumentException}.
 */
public final class LockedAccount {

  private final LockedRow row;

  LockedAccount(LockedRow row) {
    this.row = row;
  }

  /** The account id. */
  public long id() {
    return row.id();
  }

  /** The ISO 4217 currency code. */
  public String currency() {
    return row.currency();
  }

  /** The balance now, including this work's own debits and credits. Exact while the lock holds. */
  public long balance() {
    return row.balance();
  }

  /**
   * Debits under the lock, within available funds ({@code balance - held}) and the lower bound. A
   * refusal ({@code InsufficientFunds}, frozen, closed) runs no SQL: the locked row is exact.
   *
   * @param amount minor units, positive
   */
  public DebitResult debit(long amount) {
    return row.debit(amount);
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
    return row.credit(amount);
  }

  /**
   * The transaction's own context, for the caller's statements that must commit or roll back
   * together with this work. Its {@code transaction(...)} calls are savepoints.
   */
  public DSLContext dsl() {
    return row.dsl();
  }
}
