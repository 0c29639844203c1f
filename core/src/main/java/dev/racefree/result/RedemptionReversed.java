package dev.racefree.result;

/**
 * The redemption is reversed: its use is given back to the code, which has {@code usesLeft} uses
 * left, and to its redeemer, who may redeem the code once more.
 */
public record RedemptionReversed(long redemptionId, long codeId, long usesLeft)
    implements CodeReversalResult {}
