package dev.racefree;

import dev.racefree.internal.schema.enums.EntryKind;
import java.util.UUID;

/**
 * What a ledger entry records besides the amount: its kind, the transfer it belongs to, and the
 * idempotency key it ran under ({@code null} when none).
 */
record EntryTag(EntryKind kind, UUID correlationId, Long idempotencyKeyId) {

  static final EntryTag DEBIT = new EntryTag(EntryKind.debit, null, null);
  static final EntryTag CREDIT = new EntryTag(EntryKind.credit, null, null);

  EntryTag withKey(Long keyId) {
    return new EntryTag(kind, correlationId, keyId);
  }
}
