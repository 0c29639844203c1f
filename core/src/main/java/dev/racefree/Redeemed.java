package dev.racefree;

import java.time.Instant;

/** This call redeemed the token. No other call ever will. */
public record Redeemed(long tokenId, String purpose, Instant redeemedAt) implements RedeemResult {}
