package dev.racefree.result;

import dev.racefree.Account;
import dev.racefree.Accounts;

/**
 * The optimistic write happened; {@code account} is the row as written, with its new version.
 * {@code attempts} is how many optimistic attempts it took: always 1 for {@link Accounts#update},
 * and up to the policy's bound for {@link Accounts#modify}.
 */
public record Updated(Account account, int attempts) implements UpdateResult, ModifyResult {}
