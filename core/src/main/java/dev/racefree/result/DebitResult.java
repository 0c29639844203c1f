package dev.racefree.result;

import dev.racefree.Accounts;

/**
 * The outcome of {@link Accounts#debit(long, long)}. A lost race is a value, never an exception:
 * switch over it exhaustively.
 */
public sealed interface DebitResult permits Debited, NoSuchAccount, SpendRefusal {}
