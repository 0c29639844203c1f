package dev.racefree.result;

/**
 * Rejected: an account closes only at zero balance with no active holds; it has {@code balance} and
 * {@code held}. Nothing was changed.
 */
public record NotEmpty(long accountId, long balance, long held) implements LifecycleResult {}
