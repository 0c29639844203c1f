package dev.racefree.exception;

/** The connection to PostgreSQL failed or was terminated (SQLState class 08, 57P01 to 57P03). Locks and uncommitted work of that connection are gone. */
public final class ConnectionLostException extends RacefreeException {

  public ConnectionLostException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
