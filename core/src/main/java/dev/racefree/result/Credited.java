package dev.racefree.result;

/** The credit happened. {@code balance} is the balance right after it, in minor units. */
public record Credited(long balance) implements CreditResult {}
