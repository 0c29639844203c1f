package dev.racefree.result;

import java.time.Instant;

/**
 * Rejected: the token was redeemed before, by {@code redeemedBy} at {@code redeemedAt}. A client
 * retrying after a timeout can compare {@code redeemedBy} with itself.
 */
public record AlreadyRedeemed(long tokenId, String redeemedBy, Instant redeemedAt)
    implements RedeemResult {}
