package dev.racefree;

/** A statement ran past {@code statement_timeout} or was cancelled (SQLState 57014). */
public final class StatementTimeoutException extends RacefreeException {

  StatementTimeoutException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
