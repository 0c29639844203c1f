package dev.racefree.sample.payments;

import org.jspecify.annotations.Nullable;

/**
 * {@code POST /holds}: reserve {@code amount} for {@code expiresInSeconds} (one hour if absent).
 */
public record HoldRequest(long accountId, long amount, @Nullable Long expiresInSeconds) {}
