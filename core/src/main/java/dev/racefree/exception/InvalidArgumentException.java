package dev.racefree.exception;

/** An argument was rejected before any SQL ran. The message names the argument. */
public final class InvalidArgumentException extends RacefreeException {

  public InvalidArgumentException(String message) {
    super(message);
  }
}
