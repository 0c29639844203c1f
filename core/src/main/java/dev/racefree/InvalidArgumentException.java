package dev.racefree;

/** An argument was rejected before any SQL ran. The message names the argument. */
public final class InvalidArgumentException extends RacefreeException {

  InvalidArgumentException(String message) {
    super(message);
  }
}
