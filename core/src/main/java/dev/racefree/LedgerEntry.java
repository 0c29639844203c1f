package dev.racefree;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * One side of a posting, as journaled: its signed {@code amount} (negative takes money out), the
 * balance right after it, its kind, the posting it is a side of, the posting's other account (an
 * external account for a deposit or a withdrawal; {@code null} for a posting of more than two
 * sides), the transfer it belongs to (or {@code null}), the caller's reference, code and metadata,
 * and the time of the event (the caller's time for an imported entry).
 *
 * @param importedAt when an imported entry was written; {@code null} unless imported
 */
public record LedgerEntry(
    long id,
    long accountId,
    long amount,
    long balanceAfter,
    Kind kind,
    UUID postingId,
    @Nullable Long counterpartyId,
    @Nullable UUID correlationId,
    @Nullable String reference,
    @Nullable Integer code,
    Map<String, String> metadata,
    Instant writtenAt,
    @Nullable Instant importedAt) {

  public LedgerEntry {
    metadata = Map.copyOf(metadata);
  }

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
