package dev.racefree.result;

import dev.racefree.Accounts;

/** The outcome of {@link Accounts#credit(long, long)}. */
public sealed interface CreditResult
    permits Credited, NoSuchAccount, LimitExceeded, AccountClosed {}
