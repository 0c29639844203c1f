package dev.racefree.internal.sql;

import dev.racefree.Posting;
import dev.racefree.internal.schema.enums.EntryKind;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a ledger entry records besides the amount: its kind, the posting it is a side of, the
 * transfer it belongs to, the idempotency key it ran under ({@code null} when none), the posting's
 * other account ({@code null}: the account's default external account, or none for a posting of
 * more sides) and the caller's description.
 */
public record EntryTag(
    EntryKind kind,
    UUID postingId,
    @Nullable UUID correlationId,
    @Nullable Long idempotencyKeyId,
    @Nullable Long counterpartyId,
    Posting posting) {

  /** A debit against the default external account, or the posting's own. */
  public static EntryTag debit(Posting posting) {
    return new EntryTag(
        EntryKind.debit, PostingIds.next(), null, null, posting.external(), posting);
  }

  /** A credit from the default external account, or the posting's own. */
  public static EntryTag credit(Posting posting) {
    return new EntryTag(
        EntryKind.credit, PostingIds.next(), null, null, posting.external(), posting);
  }

  /** An optimistic update's change, against the default external account. */
  public static EntryTag adjustment() {
    return new EntryTag(EntryKind.adjustment, PostingIds.next(), null, null, null, Posting.of());
  }

  /** The sides of one transfer: one posting, under the transfer's correlation id. */
  public static EntryTag transfer(EntryKind kind, UUID correlationId, Posting posting) {
    return new EntryTag(kind, correlationId, correlationId, null, null, posting);
  }

  public EntryTag withKey(@Nullable Long keyId) {
    return new EntryTag(kind, postingId, correlationId, keyId, counterpartyId, posting);
  }

  /** This side's other account. */
  public EntryTag against(long counterparty) {
    return new EntryTag(kind, postingId, correlationId, idempotencyKeyId, counterparty, posting);
  }
}
