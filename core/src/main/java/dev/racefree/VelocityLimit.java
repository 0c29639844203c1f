package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import org.jspecify.annotations.Nullable;

/**
 * A spend velocity limit on an account: in each {@link Period}, its debits, holds and outgoing
 * transfers may take at most {@code maxAmount} in total and happen at most {@code maxCount} times.
 * Either cap may be {@code null} (not capped), not both. Set with {@link Limits#setVelocity(long,
 * VelocityLimit)}.
 *
 * <pre>{@code
 * VelocityLimit daily = VelocityLimit.amount("daily", Period.day(zone), 500_00).andCount(20);
 * }</pre>
 *
 * @param name the limit's name on its account, 1 to {@value #MAX_NAME} characters
 * @param period the period it counts over, judged by the database's clock
 * @param maxAmount the most the spends of one period may take, 0 to 2^62, or {@code null}
 * @param maxCount the most spends in one period, 0 to 2^62, or {@code null}
 */
public record VelocityLimit(
    String name, Period period, @Nullable Long maxAmount, @Nullable Long maxCount) {

  /** The longest name. */
  public static final int MAX_NAME = 100;

  public VelocityLimit {
    Check.text(name, "name", MAX_NAME);
    Check.notNull(period, "period");
    if (maxAmount == null && maxCount == null) {
      throw new InvalidArgumentException("a velocity limit caps maxAmount, maxCount or both");
    }
    cap(maxAmount, "maxAmount");
    cap(maxCount, "maxCount");
  }

  /** A limit on the amount the spends of each period take. */
  public static VelocityLimit amount(String name, Period period, long maxAmount) {
    return new VelocityLimit(name, period, maxAmount, null);
  }

  /** A limit on how many spends each period has. */
  public static VelocityLimit count(String name, Period period, long maxCount) {
    return new VelocityLimit(name, period, null, maxCount);
  }

  /** This limit, also capping how many spends each period has. */
  public VelocityLimit andCount(long maxCount) {
    return new VelocityLimit(name, period, maxAmount, maxCount);
  }

  private static void cap(@Nullable Long cap, String argument) {
    if (cap != null && (cap < 0 || cap > (1L << 62))) {
      throw new InvalidArgumentException(argument + " must be between 0 and 2^62, was " + cap);
    }
  }
}
