package dev.racefree.result;

import java.time.Instant;

/** Rejected: the code was valid until {@code validUntil}, by the database's clock. */
public record CodeExpired(long codeId, Instant validUntil) implements CodeResult {}
