package dev.racefree.result;

import dev.racefree.Holds;

/** The outcome of {@link Holds#hold}. Every case but {@link Held} changed nothing. */
public sealed interface HoldResult
    permits Held, NoSuchAccount, SpendRefusal, SameAccount, CurrencyMismatch {}
