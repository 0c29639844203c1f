package dev.racefree.lab.strategies;

import dev.racefree.Holds;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Outcome;
import dev.racefree.result.Captured;
import dev.racefree.result.Held;
import dev.racefree.result.HoldResult;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.Released;
import java.time.Duration;
import java.time.Instant;

/**
 * {@code holds()}: each request opens two holds of twice the amount, captures the amount on one
 * (the rest of it goes back) and releases the other, so it moves exactly the amount, as a debit
 * does, through every state change a hold has. A hold refused for lack of available funds is a
 * rejection; a capture or release of the client's own hold that does not succeed is an error.
 */
final class HeldDebit implements Operation {

  private static final Duration LIFETIME = Duration.ofHours(1);

  private final Holds holds;
  private final long amount;

  HeldDebit(Holds holds, long amount) {
    this.holds = holds;
    if (amount > Long.MAX_VALUE / 2) {
      throw new IllegalArgumentException(
          "holds take twice the amount: at most 2^62, was " + amount);
    }
    this.amount = amount;
  }

  @Override
  public Outcome apply(long accountId) {
    Instant expiresAt = Instant.now().plus(LIFETIME);
    long captured = held(holds.hold(accountId, 2 * amount, expiresAt), accountId);
    if (captured < 0) {
      return Outcome.REJECTED;
    }
    if (!(holds.capture(captured, amount) instanceof Captured)) {
      throw new IllegalStateException("the client's own hold " + captured + " was not captured");
    }
    long released = held(holds.hold(accountId, 2 * amount, expiresAt), accountId);
    if (released >= 0 && !(holds.release(released) instanceof Released)) {
      throw new IllegalStateException("the client's own hold " + released + " was not released");
    }
    return Outcome.SUCCEEDED;
  }

  /** The hold's id, or -1 when available funds could not cover it. */
  private static long held(HoldResult result, long accountId) {
    return switch (result) {
      case Held h -> h.holdId();
      case InsufficientFunds f -> -1;
      default ->
          throw new IllegalStateException("the lab's account " + accountId + " refused: " + result);
    };
  }
}
