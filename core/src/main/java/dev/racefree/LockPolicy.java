package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.money.LockWait;
import dev.racefree.internal.money.LockWait.Kind;
import dev.racefree.result.LockResult;
import java.time.Duration;

/**
 * How {@link Accounts#withLock} waits for a row lock held by another transaction.
 *
 * <ul>
 *   <li>{@link #waitIndefinitely()}: {@code SELECT ... FOR UPDATE}, waiting as long as it takes
 *       (the server's own {@code lock_timeout} and deadlock detection still apply);
 *   <li>{@link #noWait()}: {@code FOR UPDATE NOWAIT}, fail at once;
 *   <li>{@link #waitAtMost(Duration)}: {@code lock_timeout} for that one statement.
 * </ul>
 */
public final class LockPolicy {

  private static final LockPolicy WAIT = new LockPolicy(new LockWait(Kind.WAIT, 0));
  private static final LockPolicy NO_WAIT = new LockPolicy(new LockWait(Kind.NO_WAIT, 0));

  private final LockWait wait;

  private LockPolicy(LockWait wait) {
    this.wait = wait;
  }

  /** Wait until the lock is free. */
  public static LockPolicy waitIndefinitely() {
    return WAIT;
  }

  /**
   * Do not wait: if another transaction holds the lock, the outcome is {@link
   * LockResult.NotAcquired}.
   */
  public static LockPolicy noWait() {
    return NO_WAIT;
  }

  /**
   * Wait up to {@code timeout} (whole milliseconds, at least 1 ms, at most {@link
   * Integer#MAX_VALUE} ms), then give up with {@link LockResult.NotAcquired}.
   */
  public static LockPolicy waitAtMost(Duration timeout) {
    Check.notNull(timeout, "timeout");
    long millis;
    try {
      millis = timeout.toMillis();
    } catch (ArithmeticException e) {
      millis = Long.MAX_VALUE;
    }
    if (millis < 1 || millis > Integer.MAX_VALUE) {
      throw new InvalidArgumentException(
          "timeout must be between 1 ms and " + Integer.MAX_VALUE + " ms, was " + timeout);
    }
    return new LockPolicy(new LockWait(Kind.TIMEOUT, millis));
  }

  LockWait lockWait() {
    return wait;
  }

  @Override
  public String toString() {
    return switch (wait.kind()) {
      case WAIT -> "LockPolicy.waitIndefinitely()";
      case NO_WAIT -> "LockPolicy.noWait()";
      case TIMEOUT -> "LockPolicy.waitAtMost(" + wait.timeoutMillis() + " ms)";
    };
  }
}
