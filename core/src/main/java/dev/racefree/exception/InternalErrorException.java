package dev.racefree.exception;

/**
 * racefree found its own invariant broken, a state that its statements make impossible (for
 * example, rows locked by this transaction refused a write that was checked against them). This is
 * a bug in racefree or a schema changed behind its back; please report it. The transaction that saw
 * it was rolled back.
 */
public final class InternalErrorException extends RacefreeException {

  /** {@code message} says which invariant broke. */
  public InternalErrorException(String message) {
    super("racefree internal error (please report): " + message);
  }

  /** {@code message} says which invariant broke; {@code cause} is what broke it. */
  public InternalErrorException(String message, Throwable cause) {
    super("racefree internal error (please report): " + message, null, cause);
  }
}
