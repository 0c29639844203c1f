package dev.racefree.exception;

import org.jspecify.annotations.Nullable;

/** Any other database failure, with its SQLState kept. */
public final class DatabaseException extends RacefreeException {

  public DatabaseException(String message, @Nullable String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
