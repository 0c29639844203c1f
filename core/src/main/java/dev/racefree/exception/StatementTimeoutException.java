package dev.racefree.exception;

/** A statement ran past {@code statement_timeout} or was cancelled (SQLState 57014). */
public final class StatementTimeoutException extends RacefreeException {

  public StatementTimeoutException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
