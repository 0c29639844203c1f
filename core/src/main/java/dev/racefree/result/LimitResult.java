package dev.racefree.result;

import dev.racefree.Limits;

/** The outcome of {@link Limits#set}. Every case but {@link LimitsSet} changed nothing. */
public sealed interface LimitResult
    permits LimitsSet, NoSuchAccount, OutsideLimits, AccountClosed {}
