package dev.racefree.exception;

/**
 * racefree could not tell whether an operation runs inside a transaction the caller opened, and
 * refused rather than guess: guessing "the caller's" could acknowledge a write that nobody commits,
 * and guessing "nobody's" could commit half of the caller's transaction. The message says which
 * configuration was seen and how to say whose transaction it is. Nothing was changed.
 */
public final class AmbiguousTransactionException extends RacefreeException {

  /** {@code message} says what was seen and what to do. */
  public AmbiguousTransactionException(String message) {
    super(message);
  }
}
