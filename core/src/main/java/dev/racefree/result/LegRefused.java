package dev.racefree.result;

/**
 * Rejected: leg {@code leg} (0-based, in the order given) could not be applied after the legs
 * before it, for {@code reason}; no leg was applied, and nothing was changed.
 */
public record LegRefused(int leg, TransferResult reason) implements LegsResult {}
