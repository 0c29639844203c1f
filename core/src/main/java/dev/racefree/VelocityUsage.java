package dev.racefree;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A velocity limit as it stands at the database's clock: what the spends of the current period took
 * and how many there were, and when that usage next falls.
 *
 * @param limit the limit
 * @param amount the amount the period's spends took, holds still open or captured included
 * @param count how many spends the period counts
 * @param resetsAt the end of a calendar period; for a rolling window, when its oldest counted
 *     bucket leaves it; {@code null} for a total, or a rolling window with nothing counted
 */
public record VelocityUsage(
    VelocityLimit limit, long amount, long count, @Nullable Instant resetsAt) {

  /** What one more spend may take within the amount cap ({@code Long.MAX_VALUE} uncapped). */
  public long remainingAmount() {
    Long max = limit.maxAmount();
    return max == null ? Long.MAX_VALUE : Math.max(0, max - amount);
  }

  /** How many more spends the count cap allows ({@code Long.MAX_VALUE} uncapped). */
  public long remainingCount() {
    Long max = limit.maxCount();
    return max == null ? Long.MAX_VALUE : Math.max(0, max - count);
  }
}
