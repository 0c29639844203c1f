package dev.racefree.result;

import dev.racefree.Tokens;

/**
 * The outcome of {@link Tokens#redeem(String, String)}. Exactly one caller ever gets {@link
 * Redeemed} for a token; everything else is a value that says why not.
 */
public sealed interface RedeemResult
    permits Redeemed, AlreadyRedeemed, Expired, UnknownToken, WrongRedeemer {}
