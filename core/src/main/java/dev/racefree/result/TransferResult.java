package dev.racefree.result;

import dev.racefree.Accounts;

/** The outcome of {@link Accounts#transfer}. Every case but {@link Transferred} changed nothing. */
public sealed interface TransferResult
    permits Transferred,
        NoSuchAccount,
        SameAccount,
        CurrencyMismatch,
        LimitExceeded,
        SpendRefusal {}
