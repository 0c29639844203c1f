package dev.racefree.result;

import dev.racefree.Lifecycle;

/**
 * The outcome of {@link Lifecycle#close}, {@link Lifecycle#freeze} and {@link Lifecycle#unfreeze}.
 * Every case but {@link StateChanged} changed nothing.
 */
public sealed interface LifecycleResult
    permits StateChanged, NoSuchAccount, AccountClosed, NotEmpty {}
