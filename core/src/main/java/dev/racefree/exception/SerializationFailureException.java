package dev.racefree.exception;

/**
 * PostgreSQL could not serialise this transaction with a concurrent one (SQLState 40001). Retrying
 * the whole transaction is safe.
 */
public final class SerializationFailureException extends RacefreeException {

  public SerializationFailureException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
