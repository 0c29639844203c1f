package dev.racefree.internal.runner;

import dev.racefree.internal.sql.Binds;
import dev.racefree.internal.sql.Columns;
import dev.racefree.internal.sql.Statement;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.impl.DefaultConnectionProvider;
import org.jspecify.annotations.Nullable;

/**
 * One operation's hold on one connection: every statement of the operation runs on it, through the
 * caller's configuration (settings, listeners, mapping) pinned to that connection. Nested {@code
 * transaction(...)} calls on {@link #dsl()} become savepoints ({@link SavepointTransactions}).
 */
public final class Tx {

  private final Configuration cfg;
  private final Configuration callers;
  private final Connection connection;
  private final @Nullable Observing observing;

  public Tx(Configuration callers, Connection connection, @Nullable Observing observing) {
    this.callers = callers;
    this.cfg =
        callers.derive(new DefaultConnectionProvider(connection)).set(new SavepointTransactions());
    this.connection = connection;
    this.observing = observing;
  }

  public DSLContext dsl() {
    return cfg.dsl();
  }

  public Connection connection() {
    return connection;
  }

  /** The answer came from a stored key, or ({@code false}) did not after all. */
  public void replayed(boolean fromStore) {
    if (observing != null) {
      observing.replayed(fromStore);
    }
  }

  /** Attempt {@code n} (from 1) of the transaction begins. */
  public void attempt(int n) {
    if (observing != null) {
      observing.attempt(n);
    }
  }

  /** When a locking statement begins: {@link System#nanoTime()}, or 0 when nobody watches. */
  public long lockStarts() {
    return observing == null ? 0 : System.nanoTime();
  }

  /** The locking statement that began at {@code since} ({@link #lockStarts}) ended. */
  public void lockEnded(long since) {
    if (observing != null) {
      observing.lockWaited(since);
    }
  }

  /** Runs a hot statement; its first row as {@code reader} reads it, or {@code null}. */
  public <T> @Nullable T fetch(Statement statement, Binds binds, Columns.Reader<T> reader)
      throws SQLException {
    return statement.fetch(cfg, callers, connection, binds, reader);
  }
}
