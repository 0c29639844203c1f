package dev.racefree.internal.runner;

import dev.racefree.RetryPolicy;
import dev.racefree.exception.DeadlockDetectedException;
import dev.racefree.exception.LockNotAvailableException;
import dev.racefree.exception.RacefreeException;
import dev.racefree.exception.SerializationFailureException;
import dev.racefree.exception.TooManyRetriesException;
import dev.racefree.result.Retried;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Re-runs a whole transaction that failed with a retryable SQLState, as a {@link RetryPolicy} says.
 */
public final class Retrying {

  /**
   * What racefree uses for its own single-transaction operations (debit, transfer, keyed
   * operations) when they run outside a caller's transaction, as under SERIALIZABLE they can lose a
   * serialization race.
   */
  public static final RetryPolicy OWN_OPERATIONS = RetryPolicy.attempts(20);

  private Retrying() {}

  /**
   * Runs {@code attempt} (given the attempt number, from 1) until it succeeds or may not be re-run.
   */
  public static <T> Retried<T> run(RetryPolicy policy, IntFunction<T> attempt) {
    for (int n = 1; ; n++) {
      try {
        return new Retried<>(attempt.apply(n), n);
      } catch (RacefreeException e) {
        if (!retryable(e, policy)) {
          throw e;
        }
        if (n >= policy.maxAttempts()) {
          throw new TooManyRetriesException(n, e);
        }
        pause(policy, n);
      }
    }
  }

  private static boolean retryable(RacefreeException e, RetryPolicy policy) {
    return e instanceof SerializationFailureException
        || e instanceof DeadlockDetectedException
        || (e instanceof LockNotAvailableException && policy.retryLockNotAvailable());
  }

  /**
   * Parks the thread for {@code policy}'s jittered backoff after failed attempt {@code attempt}.
   */
  public static void pause(RetryPolicy policy, int attempt) {
    LockSupport.parkNanos(policy.backoff(attempt).toNanos());
  }
}
