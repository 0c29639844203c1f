package dev.racefree;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One redemption of a code: who redeemed it and when, and when it was reversed ({@code null} while
 * it still counts).
 */
public record CodeRedemption(
    long redemptionId,
    long codeId,
    String redeemer,
    Instant redeemedAt,
    @Nullable Instant reversedAt) {}
