package dev.racefree.result;

import dev.racefree.Accounts;

/** The outcome of {@link Accounts#modify}: an optimistic read-compute-write with retries. */
public sealed interface ModifyResult permits Updated, NoSuchAccount, RetriesExhausted {}
