package dev.racefree.result;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Rejected: the units do not fit the cap; only {@code remaining} do, and nothing was consumed.
 *
 * @param resetsAt when enough of the period's usage has left it for the same request to fit: the
 *     end of the calendar period, or when the rolling window's oldest buckets have left it; {@code
 *     null} for a total, or a request larger than the cap, which never fits
 */
public record QuotaExhausted(long remaining, @Nullable Instant resetsAt)
    implements QuotaResult, ReservationResult {}
