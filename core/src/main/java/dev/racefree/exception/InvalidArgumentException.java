package dev.racefree.exception;

/**
 * An argument was rejected, changing nothing. The message names the argument. Most are rejected
 * before any SQL runs; a value that must be unique (an external account's name, a chosen code) or
 * must name something of the right kind (a posting's external account) is refused once the database
 * has said so, in the same transaction, before anything is written.
 */
public final class InvalidArgumentException extends RacefreeException {

  public InvalidArgumentException(String message) {
    super(message);
  }
}
