package dev.racefree.internal.keys;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.schema.enums.KeyOutcome;
import dev.racefree.result.CaptureResult;
import dev.racefree.result.Captured;
import dev.racefree.result.Consumed;
import dev.racefree.result.CreditResult;
import dev.racefree.result.Credited;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.Held;
import dev.racefree.result.HoldResult;
import dev.racefree.result.ImportResult;
import dev.racefree.result.Imported;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.LegRefused;
import dev.racefree.result.LegsResult;
import dev.racefree.result.LegsTransferred;
import dev.racefree.result.QuotaExhausted;
import dev.racefree.result.QuotaResult;
import dev.racefree.result.TransferResult;
import dev.racefree.result.Transferred;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * How a keyed operation's outcome is kept in {@code idempotency_keys}, so that a replay returns the
 * same value. Only outcomes of an execution are kept, rejections included; validation failures (no
 * such account, currency mismatch) keep nothing and change nothing.
 */
public record StoredOutcome(
    KeyOutcome outcome,
    @Nullable Long balance,
    @Nullable Long otherBalance,
    @Nullable Long holdId,
    @Nullable UUID correlationId) {

  public StoredOutcome(KeyOutcome outcome, @Nullable Long balance, @Nullable Long otherBalance) {
    this(outcome, balance, otherBalance, null, null);
  }

  /** The stored form of {@code result}, or {@code null} when it is not to be kept. */
  public static @Nullable StoredOutcome of(Object result) {
    return switch (result) {
      case Debited d -> new StoredOutcome(KeyOutcome.debited, d.balance(), null);
      case Credited c -> new StoredOutcome(KeyOutcome.credited, c.balance(), null);
      case Transferred t ->
          new StoredOutcome(KeyOutcome.transferred, t.fromBalance(), t.toBalance());
      case InsufficientFunds f ->
          new StoredOutcome(KeyOutcome.insufficient_funds, f.available(), null);
      case Held h -> new StoredOutcome(KeyOutcome.held, h.available(), null, h.holdId(), null);
      case Captured c -> new StoredOutcome(KeyOutcome.captured, c.balance(), c.captured());
      case LegsTransferred l ->
          new StoredOutcome(KeyOutcome.legs_transferred, null, null, null, l.correlationId());
      case Consumed c -> new StoredOutcome(KeyOutcome.consumed, c.remaining(), null);
      case QuotaExhausted(long remaining, Instant resetsAt) ->
          new StoredOutcome(
              KeyOutcome.quota_exhausted,
              remaining,
              resetsAt == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, resetsAt));
      case Imported i ->
          new StoredOutcome(KeyOutcome.imported, (long) i.postings(), (long) i.entries());
      case LegRefused(int leg, InsufficientFunds f) ->
          new StoredOutcome(KeyOutcome.insufficient_funds, f.available(), (long) leg);
      default -> null;
    };
  }

  public DebitResult asDebit() {
    return switch (outcome) {
      case debited -> new Debited(first());
      case insufficient_funds -> new InsufficientFunds(first());
      default -> throw mismatch("a debit");
    };
  }

  public CreditResult asCredit() {
    return switch (outcome) {
      case credited -> new Credited(first());
      default -> throw mismatch("a credit");
    };
  }

  public TransferResult asTransfer() {
    return switch (outcome) {
      case transferred -> new Transferred(first(), other());
      case insufficient_funds -> new InsufficientFunds(first());
      default -> throw mismatch("a transfer");
    };
  }

  public HoldResult asHold() {
    return switch (outcome) {
      case held -> new Held(present(holdId, "hold_id"), first());
      case insufficient_funds -> new InsufficientFunds(first());
      default -> throw mismatch("a hold");
    };
  }

  public CaptureResult asCapture() {
    return switch (outcome) {
      case captured -> new Captured(other(), first());
      default -> throw mismatch("a capture");
    };
  }

  /** As a consumption's result; a refusal's reset time is kept in microseconds since 1970. */
  public QuotaResult asQuota() {
    return switch (outcome) {
      case consumed -> new Consumed(first());
      case quota_exhausted ->
          new QuotaExhausted(
              first(),
              otherBalance == null ? null : Instant.EPOCH.plus(otherBalance, ChronoUnit.MICROS));
      default -> throw mismatch("a quota consumption");
    };
  }

  public ImportResult asImport() {
    return switch (outcome) {
      case imported -> new Imported(Math.toIntExact(first()), Math.toIntExact(other()));
      default -> throw mismatch("an import");
    };
  }

  /**
   * As a multi-leg transfer's result; {@code balances} reads the balances its legs left, by the
   * correlation id.
   */
  public LegsResult asLegs(Function<UUID, Map<Long, Long>> balances) {
    return switch (outcome) {
      case legs_transferred -> {
        if (correlationId == null) {
          throw new InternalErrorException("stored outcome " + outcome + " has no correlation_id");
        }
        yield new LegsTransferred(correlationId, balances.apply(correlationId));
      }
      case insufficient_funds ->
          new LegRefused(Math.toIntExact(other()), new InsufficientFunds(first()));
      default -> throw mismatch("a multi-leg transfer");
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
