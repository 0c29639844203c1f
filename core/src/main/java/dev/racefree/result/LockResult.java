package dev.racefree.result;

import dev.racefree.Accounts;
import dev.racefree.LockPolicy;

/**
 * The outcome of {@link Accounts#withLock}: the work ran under the row lock, the lock could not be
 * had under the {@link LockPolicy}, or the account does not exist. In the last two cases the work
 * did not run and nothing was changed.
 *
 * @param <T> what the work returned
 */
public sealed interface LockResult<T> {

  /**
   * The work ran while holding the lock, and its transaction committed (or joined the caller's).
   */
  record Acquired<T>(T value) implements LockResult<T> {}

  /** The lock was held by another transaction past what the policy allows (SQLState 55P03). */
  record NotAcquired<T>(long accountId) implements LockResult<T> {}

  /** No account has this id. */
  record Missing<T>(long accountId) implements LockResult<T> {}
}
