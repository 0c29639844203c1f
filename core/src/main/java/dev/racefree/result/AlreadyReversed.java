package dev.racefree.result;

import java.util.UUID;

/** Rejected: the transfer was reversed already (by {@code reversalId}). Nothing was changed. */
public record AlreadyReversed(UUID correlationId, UUID reversalId) implements ReverseResult {}
