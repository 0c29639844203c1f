package dev.racefree.result;

import dev.racefree.Accounts;

/**
 * The outcome of {@link Accounts#debitUpTo}. Every case but {@link DebitedUpTo} changed nothing.
 */
public sealed interface DebitUpToResult
    permits DebitedUpTo, NoSuchAccount, AccountFrozen, AccountClosed, VelocityLimitExceeded {}
