package dev.racefree.result;

/** Rejected: no code redemption has the id {@code redemptionId}. */
public record UnknownRedemption(long redemptionId) implements CodeReversalResult {}
