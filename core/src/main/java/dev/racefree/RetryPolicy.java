package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often to retry a lost race, and how long to back off between attempts: exponential backoff
 * with full jitter, {@code random(0, min(maxBackoff, initialBackoff * 2^(attempt-1)))}, so that
 * retrying clients spread out instead of colliding again.
 *
 * @param maxAttempts attempts in all, the first included (1 means no retry)
 * @param initialBackoff the cap of the first backoff
 * @param maxBackoff the cap of every backoff
 * @param retryLockNotAvailable whether a transaction that failed with 55P03 (lock not available) is
 *     retried too; 40001 and 40P01 always are
 */
public record RetryPolicy(
    int maxAttempts, Duration initialBackoff, Duration maxBackoff, boolean retryLockNotAvailable) {

  /** The longest backoff accepted between two attempts. */
  public static final Duration MAX_BACKOFF = Duration.ofMinutes(10);

  /** The policy for {@code maxAttempts} attempts, backing off from 2 ms up to 250 ms. */
  public static RetryPolicy attempts(int maxAttempts) {
    return new RetryPolicy(maxAttempts, Duration.ofMillis(2), Duration.ofMillis(250), false);
  }

  /** Validates every component. */
  public RetryPolicy {
    if (maxAttempts < 1 || maxAttempts > 1_000) {
      throw new InvalidArgumentException(
          "maxAttempts must be between 1 and 1000, was " + maxAttempts);
    }
    Check.notNull(initialBackoff, "initialBackoff");
    Check.notNull(maxBackoff, "maxBackoff");
    if (initialBackoff.isNegative()
        || maxBackoff.compareTo(initialBackoff) < 0
        || maxBackoff.compareTo(MAX_BACKOFF) > 0) {
      throw new InvalidArgumentException(
          "initialBackoff and maxBackoff must satisfy 0 <= initialBackoff <= maxBackoff <= "
              + MAX_BACKOFF
              + ", were "
              + initialBackoff
              + " and "
              + maxBackoff);
    }
  }

  /** This policy with other backoff bounds. */
  public RetryPolicy withBackoff(Duration initial, Duration max) {
    return new RetryPolicy(maxAttempts, initial, max, retryLockNotAvailable);
  }

  /** This policy, also retrying transactions that failed with 55P03 (lock not available). */
  public RetryPolicy retryingLockNotAvailable() {
    return new RetryPolicy(maxAttempts, initialBackoff, maxBackoff, true);
  }

  /**
   * The jittered pause after failed attempt {@code attempt} (1-based): a random duration from zero
   * to {@code min(maxBackoff, initialBackoff * 2^(attempt-1))}, both included.
   */
  public Duration backoff(int attempt) {
    long cap = initialBackoff.toNanos() << Math.min(Math.max(attempt, 1) - 1, 30);
    cap = Math.min(cap < 0 ? Long.MAX_VALUE : cap, maxBackoff.toNanos());
    return cap > 0
        ? Duration.ofNanos(ThreadLocalRandom.current().nextLong(cap + 1))
        : Duration.ZERO;
  }
}
