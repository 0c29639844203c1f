package dev.racefree.result;

/** Rejected: no token with this value was ever issued. */
public record UnknownToken() implements RedeemResult {}
