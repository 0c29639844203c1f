package dev.racefree.exception;

/**
 * A constraint refused the change (SQLState class 23: 23505 unique, 23514 check). Nothing was
 * changed.
 */
public final class ConstraintViolationException extends RacefreeException {

  public ConstraintViolationException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
