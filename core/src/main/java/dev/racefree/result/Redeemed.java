package dev.racefree.result;

import java.time.Instant;

/** This call redeemed the token. No other call ever will. */
public record Redeemed(long tokenId, String purpose, Instant redeemedAt) implements RedeemResult {}
