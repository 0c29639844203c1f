package dev.racefree.result;

/**
 * Rejected: this redeemer holds {@code maxPerRedeemer} redemptions of the code already, none
 * reversed. The code may have uses left for others. Nothing was changed.
 */
public record RedeemerLimitReached(long codeId, long maxPerRedeemer) implements CodeResult {}
