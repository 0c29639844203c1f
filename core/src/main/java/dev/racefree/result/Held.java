package dev.racefree.result;

/**
 * The hold is in place: {@code holdId} names it, {@code available} is the account's balance minus
 * its active holds right after it.
 */
public record Held(long holdId, long available) implements HoldResult {}
