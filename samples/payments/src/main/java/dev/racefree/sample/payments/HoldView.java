package dev.racefree.sample.payments;

/** A hold placed, and what the account has available after it. */
public record HoldView(long holdId, long accountId, long amount, long available) {}
