package dev.racefree.result;

/** Rejected: the token was issued to someone else, and only they may redeem it. */
public record WrongRedeemer(long tokenId) implements RedeemResult {}
