package dev.racefree.internal.runner;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;

/**
 * Begins, commits and rolls back on the connection directly, not through jOOQ's {@code
 * DefaultTransactionProvider}, which asks the driver for the isolation level at every begin, a
 * round trip with PgJDBC (<a href="https://github.com/jOOQ/jOOQ/issues/20135">jOOQ #20135</a>).
 */
public final class Transactions {

  /** How much of the work one transaction must cover. */
  public enum Scope {
    /** One statement: auto-commit is enough on its own. */
    STATEMENT,
    /** Several statements that apply all or nothing: a transaction is begun if none is open. */
    ALL_OR_NOTHING
  }

  /** The isolation the transaction runs at. */
  public enum Isolation {
    /** As the connection (the pool, the server) sets it. */
    AS_SET,
    /** READ COMMITTED, whatever the connection's default: for a retry after a failure. */
    READ_COMMITTED
  }

  private Transactions() {}

  /**
   * Work joined to the caller's transaction, all or nothing: a savepoint, rolled back to on
   * failure.
   */
  public static <T> T inSavepoint(Connection c, Tx tx, OperationRunner.Work<T> work)
      throws SQLException {
    Savepoint savepoint = c.setSavepoint();
    try {
      T result = work.run(tx);
      c.releaseSavepoint(savepoint);
      return result;
    } catch (Throwable t) {
      try {
        c.rollback(savepoint);
      } catch (SQLException e) {
        t.addSuppressed(e);
      }
      throw t;
    }
  }

  /**
   * Work in racefree's own transaction: begun here when the connection is in auto-commit and the
   * work needs one, committed before returning, rolled back on failure, each exactly once. Failures
   * come out classified, so that {@link Retrying} can tell what to re-run.
   */
  public static <T> T own(
      Tx tx, Owner owner, Scope scope, Isolation isolation, OperationRunner.Work<T> work) {
    Connection c = tx.connection();
    boolean readCommitted = isolation == Isolation.READ_COMMITTED;
    boolean begin = owner == Owner.AUTO_COMMIT && (scope == Scope.ALL_OR_NOTHING || readCommitted);
    boolean open = begin || owner == Owner.OWN;
    boolean ended = false;
    try {
      if (begin) {
        c.setAutoCommit(false);
      }
      if (readCommitted) {
        tx.dsl()
            .execute(
                "SET TRANSACTION ISOLATION LEVEL READ COMMITTED"); // a constant: nothing to bind
      }
      T result = work.run(tx);
      if (open) {
        ended = true; // a failed COMMIT ends the transaction too: never roll back after it
        c.commit();
      }
      return result;
    } catch (Throwable t) {
      if (open && !ended) {
        try {
          c.rollback();
        } catch (SQLException e) {
          t.addSuppressed(e);
        }
      }
      throw Failures.classifyOrRethrow(t);
    } finally {
      if (begin) {
        restoreAutoCommit(c);
      }
    }
  }

  /**
   * Puts auto-commit back. When that fails the connection is broken; what was committed stays
   * committed, and the pool discards the connection.
   */
  private static void restoreAutoCommit(Connection c) {
    try {
      c.setAutoCommit(true);
    } catch (SQLException ignored) {
      // the outcome is already decided; see above
    }
  }
}
