package dev.racefree.result;

import org.jspecify.annotations.Nullable;

/** The account's bounds are now these; {@code maxBalance} is {@code null} when there is none. */
public record LimitsSet(long minBalance, @Nullable Long maxBalance) implements LimitResult {}
