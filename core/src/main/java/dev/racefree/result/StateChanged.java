package dev.racefree.result;

import dev.racefree.AccountState;

/** The account is now in {@code state} (it may have been already). */
public record StateChanged(long accountId, AccountState state) implements LifecycleResult {}
