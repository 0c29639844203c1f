package dev.racefree;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.result.Credited;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.Transferred;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.CurrencyMismatch;
import dev.racefree.result.Debited;

/**
 * How a keyed operation's outcome is kept in {@code idempotency_keys}, so that a replay returns
 * the same value. Only outcomes of an execution are kept, rejections included; validation
 * failures ({@link NoSuchAccount}, {@link CurrencyMismatch}) keep nothing and change nothing.
 */
record StoredOutcome(String outcome, Long balance, Long otherBalance) {

  /** The stored form of {@code result}, or {@code null} when it is not to be kept. */
  static StoredOutcome of(Object result) {
    return switch (result) {
      case Debited d -> new StoredOutcome("debited", d.balance(), null);
      case Credited c -> new StoredOutcome("credited", c.balance(), null);
      case Transferred t -> new StoredOutcome("transferred", t.fromBalance(), t.toBalance());
      case InsufficientFunds f -> new StoredOutcome("insufficient_funds", f.available(), null);
      default -> null;
    };
  }

  /** The value this was stored from. */
  Object value() {
    return switch (outcome) {
      case "debited" -> new Debited(balance);
      case "credited" -> new Credited(balance);
      case "transferred" -> new Transferred(balance, otherBalance);
      case "insufficient_funds" -> new InsufficientFunds(balance);
      default -> throw new InternalErrorException("unknown stored outcome '" + outcome + "'");
    };
  }
}
