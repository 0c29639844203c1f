package dev.racefree.result;

import dev.racefree.Codes;

/**
 * The outcome of {@link Codes#reverse(long)}. Of any number of reversals of one redemption, one
 * gets {@link RedemptionReversed}; the others changed nothing.
 */
public sealed interface CodeReversalResult
    permits RedemptionReversed, RedemptionAlreadyReversed, UnknownRedemption {}
