package dev.racefree.internal.runner;

import dev.racefree.LockedAccount;
import dev.racefree.exception.InvalidArgumentException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.jooq.TransactionContext;
import org.jooq.TransactionProvider;
import org.jooq.exception.DataAccessException;

/**
 * The jOOQ {@link TransactionProvider} of the contexts racefree hands to the caller's code (such as
 * {@link LockedAccount#dsl()}), which always run inside a transaction already open on one
 * connection: each {@code transaction(...)} is a savepoint, released on commit and rolled back to
 * on rollback, and each level ends exactly once (jOOQ calls rollback after a failed commit).
 * Transaction properties (isolation, read-only) cannot change inside a running transaction, so a
 * request for them is refused rather than dropped.
 */
public final class SavepointTransactions implements TransactionProvider {

  /** One savepoint level; {@code ended} once released or rolled back to. */
  private static final class Level implements org.jooq.Transaction {
    private final Connection connection;
    private final Savepoint savepoint;
    private boolean ended;

    Level(Connection connection, Savepoint savepoint) {
      this.connection = connection;
      this.savepoint = savepoint;
    }
  }

  @Override
  public void begin(TransactionContext ctx) {
    if (!ctx.properties().isEmpty()) {
      throw new InvalidArgumentException(
          "transaction properties "
              + ctx.properties()
              + " can not be honoured "
              + "inside racefree's transaction, which is already running; set them on the outer transaction");
    }
    Connection connection = ctx.configuration().connectionProvider().acquire();
    try {
      ctx.transaction(new Level(connection, connection.setSavepoint()));
    } catch (SQLException e) {
      throw new DataAccessException("could not set a savepoint", e);
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

  private static void end(TransactionContext ctx, boolean commit) {
    if (!(ctx.transaction() instanceof Level level) || level.ended) {
      return; // begin failed, or this level already ended
    }
    level.ended = true;
    try {
      if (commit) {
        level.connection.releaseSavepoint(level.savepoint);
      } else {
        level.connection.rollback(level.savepoint);
      }
    } catch (SQLException e) {
      throw new DataAccessException(
          commit ? "could not release a savepoint" : "could not roll back to a savepoint", e);
    }
  }
}
