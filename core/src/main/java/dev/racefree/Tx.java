package dev.racefree;

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
final class Tx {

  private final Configuration cfg;
  private final Configuration callers;
  private final Connection connection;

  Tx(Configuration callers, Connection connection) {
    this.callers = callers;
    this.cfg =
        callers.derive(new DefaultConnectionProvider(connection)).set(new SavepointTransactions());
    this.connection = connection;
  }

  DSLContext dsl() {
    return cfg.dsl();
  }

  Connection connection() {
    return connection;
  }

  /** Runs a hot statement; its first row as {@code reader} reads it, or {@code null}. */
  <T> @Nullable T fetch(Statement statement, Binds binds, Columns.Reader<T> reader)
      throws SQLException {
    return statement.fetch(cfg, callers, connection, binds, reader);
  }
}
