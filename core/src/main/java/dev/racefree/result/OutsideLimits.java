package dev.racefree.result;

/**
 * Rejected: the account is already outside the new bounds ({@code balance - held} below the new
 * minimum, or {@code balance} above the new maximum), read just after the rejection. Nothing was
 * changed: bring the balance within them first.
 */
public record OutsideLimits(long balance, long held) implements LimitResult {}
