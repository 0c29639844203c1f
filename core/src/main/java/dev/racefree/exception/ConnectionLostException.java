package dev.racefree.exception;

import org.jspecify.annotations.Nullable;

/**
 * The connection to PostgreSQL failed or was terminated (SQLState class 08, 57P01 to 57P03). Locks
 * and uncommitted work of that connection are gone.
 */
public final class ConnectionLostException extends RacefreeException {

  public ConnectionLostException(String message, @Nullable String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
