package dev.racefree;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.jooq.Configuration;
import org.jooq.ConnectionProvider;
import org.jooq.Transaction;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;

/**
 * The transactions racefree opens (row locks, transfers, keyed operations, inTransaction).
 *
 * <p>jOOQ's {@code DefaultTransactionProvider} asks the connection for its isolation level at
 * every begin, and PgJDBC answers that with a round trip ({@code SHOW TRANSACTION ISOLATION
 * LEVEL}): one round trip more than a {@code withLock} needs, on every call. This provider does
 * what racefree needs and nothing more. On a connection in auto-commit it begins a transaction;
 * on one already inside a transaction (the caller's, or an enclosing one of racefree's) it sets a
 * savepoint, so racefree's work joins the caller's. Nested {@code transaction(...)} calls made on
 * the context racefree hands out (such as {@link LockedAccount#dsl()}) become savepoints too.
 */
final class OwnTransactions implements TransactionProvider {

  private final ConnectionProvider base;

  OwnTransactions(ConnectionProvider base) {
    this.base = base;
  }

  /** The connection of an open transaction, pinned for every statement inside it. */
  private record Pinned(Connection connection) implements ConnectionProvider {
    @Override
    public Connection acquire() {
      return connection;
    }

    @Override
    public void release(Connection released) {}
  }

  /** One level: the whole transaction ({@code savepoint == null}) or a savepoint inside one. */
  private record Level(Connection connection, Savepoint savepoint, boolean acquired) implements Transaction {}

  @Override
  public void begin(TransactionContext ctx) {
    Configuration cfg = ctx.configuration();
    try {
      if (cfg.connectionProvider() instanceof Pinned pinned) {
        ctx.transaction(new Level(pinned.connection(), pinned.connection().setSavepoint(), false));
        return;
      }
      Connection connection = base.acquire();
      try {
        Savepoint savepoint = null;
        if (connection.getAutoCommit()) {
          connection.setAutoCommit(false);
        } else {
          savepoint = connection.setSavepoint(); // inside the caller's transaction
        }
        cfg.set(new Pinned(connection));
        ctx.transaction(new Level(connection, savepoint, true));
      } catch (SQLException | RuntimeException e) {
        base.release(connection);
        throw e;
      }
    } catch (SQLException e) {
      throw new DataAccessException("could not begin a transaction", e);
    }
  }

  @Override
  public void commit(TransactionContext ctx) {
    end(ctx, true);
  }

  @Override
  public void rollback(TransactionContext ctx) {
    end(ctx, false);
  }

  private void end(TransactionContext ctx, boolean commit) {
    Level level = (Level) ctx.transaction();
    if (level == null) {
      return; // begin itself failed: nothing is open
    }
    Connection connection = level.connection();
    try {
      if (level.savepoint() != null) {
        if (commit) {
          connection.releaseSavepoint(level.savepoint());
        } else {
          connection.rollback(level.savepoint());
        }
      } else {
        if (commit) {
          connection.commit();
        } else {
          connection.rollback();
        }
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new DataAccessException(commit ? "could not commit" : "could not roll back", e);
    } finally {
      if (level.acquired()) {
        base.release(connection);
      }
    }
  }
}
