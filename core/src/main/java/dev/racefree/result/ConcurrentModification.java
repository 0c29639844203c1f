package dev.racefree.result;

import dev.racefree.Accounts;

/**
 * Rejected: the account changed since it was read ({@code readVersion} is no longer current).
 * Nothing was changed. Read again and retry, or use {@link Accounts#modify}.
 */
public record ConcurrentModification(long id, long readVersion) implements UpdateResult {}
