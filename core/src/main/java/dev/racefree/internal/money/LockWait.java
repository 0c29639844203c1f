package dev.racefree.internal.money;

/**
 * How a row lock waits, as a {@code LockPolicy} says: until the lock is free, not at all, or up to
 * {@code timeoutMillis}.
 */
public record LockWait(Kind kind, long timeoutMillis) {

  /** The three ways of waiting. */
  public enum Kind {
    WAIT,
    NO_WAIT,
    TIMEOUT
  }
}
