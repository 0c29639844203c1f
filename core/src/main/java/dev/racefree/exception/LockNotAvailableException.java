package dev.racefree.exception;

/** A row lock could not be had in time (SQLState 55P03: {@code NOWAIT} or {@code lock_timeout}). */
public final class LockNotAvailableException extends RacefreeException {

  public LockNotAvailableException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
