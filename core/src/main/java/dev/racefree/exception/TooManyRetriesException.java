package dev.racefree.exception;

/**
 * A transaction failed with a retryable error (40001, 40P01, or 55P03 when the policy retries it)
 * on every one of its attempts. The cause is the last failure; nothing of any attempt committed.
 */
public final class TooManyRetriesException extends RacefreeException {

  private final int attempts;

  public TooManyRetriesException(int attempts, RacefreeException last) {
    super("gave up after " + attempts + " attempts: " + last.getMessage(), last.sqlState(), last);
    this.attempts = attempts;
  }

  /** How many attempts ran. */
  public int attempts() {
    return attempts;
  }
}
