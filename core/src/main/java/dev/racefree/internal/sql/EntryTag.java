package dev.racefree.internal.sql;

import dev.racefree.internal.schema.enums.EntryKind;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What a ledger entry records besides the amount: its kind, the transfer it belongs to, and the
 * idempotency key it ran under ({@code null} when none).
 */
public record EntryTag(
    EntryKind kind, @Nullable UUID correlationId, @Nullable Long idempotencyKeyId) {

  public static final EntryTag DEBIT = new EntryTag(EntryKind.debit, null, null);
  public static final EntryTag CREDIT = new EntryTag(EntryKind.credit, null, null);

  public EntryTag withKey(@Nullable Long keyId) {
    return new EntryTag(kind, correlationId, keyId);
  }
}
