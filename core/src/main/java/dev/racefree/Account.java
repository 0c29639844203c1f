package dev.racefree;

import java.time.Instant;

/**
 * A snapshot of one account as read, with the {@code version} that an optimistic {@link
 * Accounts#update(Account, long)} checks. Balances are in minor units of {@code currency}.
 */
public record Account(
    long id, String owner, String currency, long balance, long version, Instant updatedAt) {}
