package dev.racefree.result;

import java.util.UUID;

/** Rejected: no transfer has this correlation id. Nothing was changed. */
public record UnknownTransfer(UUID correlationId) implements ReverseResult {}
