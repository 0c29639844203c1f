package dev.racefree.sample.payments;

/** An account's balance after a deposit. */
public record BalanceView(long accountId, long balance) {}
