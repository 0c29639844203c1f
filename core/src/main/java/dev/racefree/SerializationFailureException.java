package dev.racefree;

/** PostgreSQL could not serialise this transaction with a concurrent one (SQLState 40001). Retrying the whole transaction is safe. */
public final class SerializationFailureException extends RacefreeException {

  SerializationFailureException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
