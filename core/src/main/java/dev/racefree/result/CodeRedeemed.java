package dev.racefree.result;

import java.time.Instant;

/**
 * This call redeemed the code once: redemption {@code redemptionId}, at {@code redeemedAt} by the
 * database's clock, after which the code has {@code usesLeft} uses left in total.
 */
public record CodeRedeemed(long redemptionId, long codeId, long usesLeft, Instant redeemedAt)
    implements CodeResult {}
