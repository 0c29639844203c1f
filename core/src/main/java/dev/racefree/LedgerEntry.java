package dev.racefree;

import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One balance change as journaled: its signed {@code amount} (negative takes money out), the
 * balance right after it, its kind, the transfer it belongs to (or {@code null}) and when it was
 * written.
 */
public record LedgerEntry(
    long id,
    long accountId,
    long amount,
    long balanceAfter,
    Kind kind,
    @Nullable UUID correlationId,
    Instant writtenAt) {

  /** What made the change. */
  public enum Kind {
    /** A debit. */
    DEBIT,
    /** A credit. */
    CREDIT,
    /** One leg of a transfer; both legs share the correlation id. */
    TRANSFER,
    /** An optimistic update's change. */
    ADJUSTMENT,
    /** The captured part of a hold. */
    CAPTURE,
    /** One leg of a transfer's reversal; both legs share the reversal's correlation id. */
    REVERSAL
  }
}
