package dev.racefree.result;

import java.time.Instant;

/** Rejected: the token expired at {@code expiredAt}, by the database's clock. */
public record Expired(long tokenId, Instant expiredAt) implements RedeemResult {}
