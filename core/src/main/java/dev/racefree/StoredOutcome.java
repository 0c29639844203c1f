package dev.racefree;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.schema.enums.KeyOutcome;
import dev.racefree.result.CreditResult;
import dev.racefree.result.Credited;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.TransferResult;
import dev.racefree.result.Transferred;
import org.jspecify.annotations.Nullable;

/**
 * How a keyed operation's outcome is kept in {@code idempotency_keys}, so that a replay returns the
 * same value. Only outcomes of an execution are kept, rejections included; validation failures (no
 * such account, currency mismatch) keep nothing and change nothing.
 */
record StoredOutcome(KeyOutcome outcome, @Nullable Long balance, @Nullable Long otherBalance) {

  /** The stored form of {@code result}, or {@code null} when it is not to be kept. */
  static @Nullable StoredOutcome of(Object result) {
    return switch (result) {
      case Debited d -> new StoredOutcome(KeyOutcome.debited, d.balance(), null);
      case Credited c -> new StoredOutcome(KeyOutcome.credited, c.balance(), null);
      case Transferred t ->
          new StoredOutcome(KeyOutcome.transferred, t.fromBalance(), t.toBalance());
      case InsufficientFunds f ->
          new StoredOutcome(KeyOutcome.insufficient_funds, f.available(), null);
      default -> null;
    };
  }

  DebitResult asDebit() {
    return switch (outcome) {
      case debited -> new Debited(first());
      case insufficient_funds -> new InsufficientFunds(first());
      default -> throw mismatch("a debit");
    };
  }

  CreditResult asCredit() {
    return switch (outcome) {
      case credited -> new Credited(first());
      default -> throw mismatch("a credit");
    };
  }

  TransferResult asTransfer() {
    return switch (outcome) {
      case transferred -> new Transferred(first(), other());
      case insufficient_funds -> new InsufficientFunds(first());
      default -> throw mismatch("a transfer");
    };
  }

  private long first() {
    return present(balance, "balance");
  }

  private long other() {
    return present(otherBalance, "other_balance");
  }

  private long present(@Nullable Long value, String column) {
    if (value == null) {
      throw new InternalErrorException("stored outcome " + outcome + " has no " + column);
    }
    return value;
  }

  // The fingerprint ties a key to one operation, so this means the row was changed behind
  // racefree's back.
  private InternalErrorException mismatch(String operation) {
    return new InternalErrorException("stored outcome " + outcome + " is not one of " + operation);
  }
}
