package dev.racefree;

import dev.racefree.exception.NestedTransactionException;
import dev.racefree.exception.RacefreeException;
import dev.racefree.result.Retried;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.jooq.Configuration;
import org.jspecify.annotations.Nullable;

/**
 * Runs each racefree operation on one connection of the caller's configuration, in the right
 * transaction ({@link Owner}): joined to the caller's (a savepoint for all-or-nothing work, never a
 * commit), or racefree's own, committed before the operation returns. Database failures become
 * classified {@link RacefreeException}s; the caller's own exceptions pass through unchanged.
 *
 * <p>racefree's own transactions are begun and ended on the connection directly, not through jOOQ's
 * {@code DefaultTransactionProvider}, which asks the driver for the isolation level at every begin,
 * a round trip with PgJDBC (<a href="https://github.com/jOOQ/jOOQ/issues/20135">jOOQ #20135</a>).
 * Outside a caller's transaction, a serialization failure or deadlock re-runs the whole operation
 * ({@link Retrying#OWN_OPERATIONS}), at READ COMMITTED.
 */
final class Db {

  /** An operation's work on its connection; may throw what the driver throws. */
  @FunctionalInterface
  interface Work<T> {
    T run(Tx tx) throws SQLException;
  }

  private final Configuration cfg;
  private final @Nullable CallerTransaction probe;

  Db(Configuration cfg, @Nullable CallerTransaction probe) {
    this.cfg = cfg;
    this.probe = probe;
  }

  Configuration configuration() {
    return cfg;
  }

  /**
   * Runs one statement, or reads: no all-or-nothing needed. Retried outside a caller's transaction.
   */
  <T> T run(Work<T> work) {
    return execute(false, true, work);
  }

  /** Runs work that must apply all or nothing. Retried outside a caller's transaction. */
  <T> T atomically(Work<T> work) {
    return execute(true, true, work);
  }

  /** As {@link #atomically}, never re-run: for work that runs the caller's code. */
  <T> T atomicallyWithoutRetry(Work<T> work) {
    return execute(true, false, work);
  }

  /**
   * Runs {@code work} in racefree's own transaction, re-run as {@code policy} says.
   *
   * @throws NestedTransactionException inside a caller's transaction, where a retry is impossible
   */
  <T> Retried<T> ownTransaction(RetryPolicy policy, Work<T> work) {
    return Connections.with(
        cfg,
        c -> {
          Owner owner = Owner.of(cfg, c, probe);
          if (owner == Owner.CALLER) {
            throw new NestedTransactionException();
          }
          Tx tx = new Tx(cfg, c);
          return Retrying.run(policy, n -> own(tx, owner, true, false, work));
        });
  }

  private <T> T execute(boolean atomic, boolean retry, Work<T> work) {
    return Connections.with(
        cfg,
        c -> {
          Owner owner = Owner.of(cfg, c, probe);
          Tx tx = new Tx(cfg, c);
          if (owner == Owner.CALLER) {
            return atomic ? inSavepoint(c, tx, work) : work.run(tx);
          }
          if (!retry) {
            return own(tx, owner, atomic, false, work);
          }
          return Retrying.run(Retrying.OWN_OPERATIONS, n -> own(tx, owner, atomic, n > 1, work))
              .value();
        });
  }

  /**
   * Work joined to the caller's transaction, all or nothing: a savepoint, rolled back to on
   * failure.
   */
  private static <T> T inSavepoint(Connection c, Tx tx, Work<T> work) throws SQLException {
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
  private static <T> T own(
      Tx tx, Owner owner, boolean atomic, boolean readCommitted, Work<T> work) {
    Connection c = tx.connection();
    boolean begin = owner == Owner.AUTO_COMMIT && (atomic || readCommitted);
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
