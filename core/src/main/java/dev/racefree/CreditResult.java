package dev.racefree;

/** The outcome of {@link Accounts#credit(long, long)}. */
public sealed interface CreditResult permits Credited, NoSuchAccount {}
