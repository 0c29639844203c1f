package dev.racefree.result;

/** The debit happened. {@code balance} is the balance right after it, in minor units. */
public record Debited(long balance) implements DebitResult {}
