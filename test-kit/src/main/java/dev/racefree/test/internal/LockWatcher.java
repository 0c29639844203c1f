package dev.racefree.test.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Which sessions wait on a lock another backend holds, as PostgreSQL says: {@code pg_stat_activity}
 * names the wait ({@code wait_event_type = 'Lock'}) and {@code pg_blocking_pids} the backends in
 * the way. The second is exact the moment the blocker lets go, when the first may still name the
 * wait until the waiter runs again: both must hold. One connection of its own, auto-commit.
 */
final class LockWatcher implements AutoCloseable {

  private static final String BLOCKED =
      "select pid from pg_catalog.pg_stat_activity"
          + " where pid = any(?)" // the sessions' backends in a step
          + " and wait_event_type = 'Lock'"
          + " and cardinality(pg_catalog.pg_blocking_pids(pid)) > 0";

  private final Connection connection;
  private final PreparedStatement blocked;

  LockWatcher(DataSource dataSource) throws SQLException {
    this.connection = dataSource.getConnection();
    try {
      connection.setAutoCommit(true);
      this.blocked = connection.prepareStatement(BLOCKED);
    } catch (SQLException e) {
      connection.close();
      throw e;
    }
  }

  /** Those of {@code pids} that wait on a lock another backend holds. */
  Set<Integer> blocked(Collection<Integer> pids) throws SQLException {
    Set<Integer> found = new HashSet<>();
    if (pids.isEmpty()) {
      return found;
    }
    Array array = connection.createArrayOf("integer", pids.toArray());
    blocked.setArray(1, array);
    try (ResultSet rs = blocked.executeQuery()) {
      while (rs.next()) {
        found.add(rs.getInt(1));
      }
    } finally {
      array.free();
    }
    return found;
  }

  /**
   * Terminates backend {@code pid} and waits until it is gone (PostgreSQL 14's {@code
   * pg_terminate_backend} with a timeout).
   */
  void terminate(int pid) throws SQLException {
    try (PreparedStatement kill =
        connection.prepareStatement("select pg_catalog.pg_terminate_backend(?, 30000)")) {
      kill.setInt(1, pid); // the session's backend
      try (ResultSet rs = kill.executeQuery()) {
        if (!rs.next() || !rs.getBoolean(1)) {
          throw new SQLException("backend " + pid + " could not be terminated");
        }
      }
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      blocked.close();
    } finally {
      connection.close();
    }
  }
}
