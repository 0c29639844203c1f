package dev.racefree.exception;

import org.jspecify.annotations.Nullable;

/**
 * The root of every exception racefree throws: misuse (bad arguments) and infrastructure failures
 * (lost connections, timeouts, deadlocks). Lost races are not exceptions; they are result values.
 *
 * <p>Database failures are classified by SQLState into the subclasses; {@link #sqlState()} keeps
 * the original code, and the cause keeps the driver's exception.
 */
public abstract class RacefreeException extends RuntimeException {

  private final @Nullable String sqlState;

  protected RacefreeException(
      String message, @Nullable String sqlState, @Nullable Throwable cause) {
    super(message, cause);
    this.sqlState = sqlState;
  }

  protected RacefreeException(String message) {
    this(message, null, null);
  }

  /** The PostgreSQL SQLState behind this failure, or {@code null} when no SQL ran. */
  public @Nullable String sqlState() {
    return sqlState;
  }
}
