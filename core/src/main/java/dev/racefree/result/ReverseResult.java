package dev.racefree.result;

import dev.racefree.Ledger;

/** The outcome of {@link Ledger#reverse}. Every case but {@link Reversed} changed nothing. */
public sealed interface ReverseResult
    permits Reversed, LegsReversed, AlreadyReversed, UnknownTransfer, FundsRefusal, LimitExceeded {}
