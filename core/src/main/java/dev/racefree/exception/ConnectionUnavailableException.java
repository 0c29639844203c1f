package dev.racefree.exception;

import org.jspecify.annotations.Nullable;

/**
 * No connection could be had: the pool gave none in time, or the server refused or could not be
 * reached while connecting ({@link java.sql.SQLTransientConnectionException}, which HikariCP and
 * other pools throw, whatever the SQLState). Nothing was sent, so nothing was applied: the call can
 * be retried as it is.
 */
public final class ConnectionUnavailableException extends RacefreeException {

  public ConnectionUnavailableException(
      String message, @Nullable String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
