package dev.racefree.result;

import java.time.Instant;

/** Rejected: the code is valid from {@code validFrom}, by the database's clock. */
public record CodeNotYetValid(long codeId, Instant validFrom) implements CodeResult {}
