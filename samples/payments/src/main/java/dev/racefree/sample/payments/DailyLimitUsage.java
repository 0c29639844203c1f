package dev.racefree.sample.payments;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * An account's daily spending limit as it stands: what today's spends took ({@code used}), what one
 * more may take ({@code remaining}), how many there were, and when the day ends in {@code zone}.
 */
public record DailyLimitUsage(
    long accountId,
    long amount,
    String zone,
    long used,
    long remaining,
    long payments,
    @Nullable Instant resetsAt) {}
