package dev.racefree.exception;

/**
 * PostgreSQL broke a deadlock by aborting this transaction (SQLState 40P01). Retrying the whole
 * transaction is safe.
 */
public final class DeadlockDetectedException extends RacefreeException {

  public DeadlockDetectedException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
