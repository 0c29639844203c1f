package dev.racefree.internal.runner;

import dev.racefree.exception.ConnectionLostException;
import dev.racefree.exception.ConnectionUnavailableException;
import dev.racefree.exception.DatabaseException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.RacefreeException;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * One connection of the caller's configuration per operation, acquired and released exactly once;
 * failures to get or return it come out classified, and never hide the work's own failure.
 */
public final class Connections {

  private Connections() {}

  /** Work on one connection. */
  @FunctionalInterface
  public interface ConnectionWork<T> {
    T run(Connection c) throws SQLException;
  }

  /** Runs {@code work} on one connection of {@code cfg}, acquired and released exactly once. */
  public static <T> T with(Configuration cfg, ConnectionWork<T> work) {
    ConnectionProvider provider = cfg.connectionProvider();
    Connection c;
    try {
      c = provider.acquire();
    } catch (DataAccessException e) {
      throw Failures.classify(e);
    }
    if (c == null) {
      throw new InvalidArgumentException(
          "the DSLContext has no connection: create it with a DataSource or a Connection");
    }
    if (closed(c)) { // nothing of the operation was sent: the caller may simply try again
      release(provider, c, null);
      String why = "the DSLContext handed out a closed connection; nothing was sent";
      throw new ConnectionUnavailableException(why, null, new IllegalStateException(why));
    }
    Throwable failure = null;
    try {
      return work.run(c);
    } catch (SQLException | DataAccessException e) {
      RacefreeException classified = lostIfClosed(Failures.classify(e), c);
      failure = classified;
      throw classified;
    } catch (DatabaseException e) {
      RacefreeException classified = lostIfClosed(e, c);
      failure = classified;
      throw classified;
    } catch (RuntimeException | Error e) {
      failure = e;
      throw e;
    } finally {
      release(provider, c, failure);
    }
  }

  /**
   * {@code e}, or {@link ConnectionLostException} when it has no SQLState and the connection is
   * gone (a pool's "connection is closed", say): something of the operation may have been sent, so
   * its outcome is unknown.
   */
  private static RacefreeException lostIfClosed(RacefreeException e, Connection c) {
    if (!(e instanceof DatabaseException) || e.sqlState() != null || usable(c)) {
      return e;
    }
    return new ConnectionLostException(
        "the connection was lost: " + e.getMessage(),
        null,
        e.getCause() == null ? e : e.getCause());
  }

  /** Whether {@code c} is open and answers: one round trip, so only where a failure was seen. */
  private static boolean usable(Connection c) {
    try {
      return !c.isClosed() && c.isValid(VALID_SECONDS);
    } catch (SQLException e) {
      return false;
    }
  }

  private static final int VALID_SECONDS = 5;

  /** Whether the driver or pool already knows {@code c} is closed: no round trip. */
  static boolean closed(Connection c) {
    try {
      return c.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  /** Returns the connection; a failure to do so never hides the work's own failure. */
  private static void release(
      ConnectionProvider provider, Connection c, @Nullable Throwable failure) {
    try {
      provider.release(c);
    } catch (DataAccessException e) {
      if (failure == null) {
        throw Failures.classify(e);
      }
      failure.addSuppressed(e);
    }
  }
}
