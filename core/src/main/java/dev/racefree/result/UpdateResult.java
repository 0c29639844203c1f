package dev.racefree.result;

import dev.racefree.Accounts;

/** The outcome of an optimistic {@link Accounts#update(Account, long)}. */
public sealed interface UpdateResult permits Updated, ConcurrentModification {}
