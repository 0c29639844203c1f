package dev.racefree.exception;

/** Any other database failure, with its SQLState kept. */
public final class DatabaseException extends RacefreeException {

  public DatabaseException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
