package dev.racefree.result;

/** The transfer happened; the balances of both accounts right after it, in minor units. */
public record Transferred(long fromBalance, long toBalance) implements TransferResult {}
