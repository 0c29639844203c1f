package dev.racefree;

import dev.racefree.exception.DeadlockDetectedException;
import dev.racefree.exception.RacefreeException;
import dev.racefree.exception.SerializationFailureException;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.TransactionalCallable;
import org.jooq.exception.DataAccessException;

/**
 * Runs jOOQ work on the caller's {@link DSLContext} and turns every database failure into a
 * classified {@link RacefreeException}; the caller's own exceptions pass through untouched.
 * Transactions nest: inside a caller's transaction they become savepoints, so racefree's work
 * joins the caller's.
 *
 * <p>racefree's own operations are safe to re-run when they failed as a whole, so outside a
 * caller's transaction a serialization failure or deadlock re-runs them ({@link
 * Retrying#OWN_OPERATIONS}), at READ COMMITTED. Inside one, the failure has aborted the caller's transaction, and it
 * propagates. Whether we are inside one is asked only on that failure path.
 */
final class Db {

  private final DSLContext dsl;
  private final BalanceWrites writes;
  private final RowLock locks;

  Db(DSLContext dsl) {
    this(dsl, new BalanceWrites(dsl), new RowLock(dsl));
  }

  private Db(DSLContext dsl, BalanceWrites writes, RowLock locks) {
    this.dsl = dsl;
    this.writes = writes;
    this.locks = locks;
  }

  /** The same racefree on a transaction's context, sharing the rendered statements. */
  Db on(DSLContext tx) {
    return new Db(tx, writes, locks);
  }

  RowLock locks() {
    return locks;
  }

  BalanceWrites writes() {
    return writes;
  }

  /** Runs {@code work}; outside a caller's transaction, re-runs it on 40001 and 40P01. */
  <T> T run(Function<DSLContext, T> work) {
    try {
      return once(work);
    } catch (SerializationFailureException | DeadlockDetectedException e) {
      if (inTransaction()) {
        throw e;
      }
      return Retrying.run(Retrying.OWN_OPERATIONS, () -> once(d -> d.transactionResult(cfg -> {
        readCommitted(cfg.dsl());
        return work.apply(cfg.dsl());
      }))).value();
    }
  }

  /**
   * Pins the current transaction to READ COMMITTED. racefree's own operations are safe there by
   * construction (conditional writes, row locks taken in id order, unique keys), so their retries
   * run at that level: under a SERIALIZABLE session default, SSI's predicate locks on a few hot
   * rows would otherwise abort the retries too, and starve them.
   */
  private static void readCommitted(DSLContext tx) {
    tx.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"); // a constant: no values to bind
  }

  /** Runs {@code work} in a transaction (a savepoint inside the caller's), retried as {@link #run}. */
  <T> T transaction(TransactionalCallable<T> work) {
    return run(d -> d.transactionResult(work));
  }

  /** Runs {@code work} in a transaction, never retried: for work that runs the caller's code. */
  <T> T transactionOnce(TransactionalCallable<T> work) {
    return once(d -> d.transactionResult(work));
  }

  /** Whether the context is inside a transaction (its connection is not in auto-commit). */
  boolean inTransaction() {
    return once(d -> d.connectionResult(c -> !c.getAutoCommit()));
  }

  private <T> T once(Function<DSLContext, T> work) {
    try {
      return work.apply(dsl);
    } catch (DataAccessException e) {
      throw Failures.classify(e);
    }
  }
}
