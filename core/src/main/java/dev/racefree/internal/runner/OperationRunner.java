package dev.racefree.internal.runner;

import dev.racefree.CallerTransaction;
import dev.racefree.RacefreeObserver;
import dev.racefree.RetryPolicy;
import dev.racefree.exception.NestedTransactionException;
import dev.racefree.exception.NoCallerTransactionException;
import dev.racefree.result.Retried;
import java.sql.SQLException;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jspecify.annotations.Nullable;

/**
 * Runs each racefree operation in the right transaction: {@link TransactionRunner} does the work,
 * and {@link ObservedRunner}, around it, reports each operation to a {@link RacefreeObserver}.
 */
public interface OperationRunner {

  /** An operation's work on its connection; may throw what the driver throws. */
  @FunctionalInterface
  interface Work<T> {
    T run(Tx tx) throws SQLException;
  }

  /** A runner over the caller's configuration, reporting to nobody. */
  static OperationRunner of(Configuration cfg, @Nullable CallerTransaction probe) {
    return new TransactionRunner(cfg, probe, null);
  }

  Configuration configuration();

  /** Who hears of each operation started here: {@link RacefreeObserver#NONE} when nobody. */
  RacefreeObserver observer();

  /** Runs one statement, or reads: no all-or-nothing needed. Retried outside a caller's. */
  <T> T run(String operation, Work<T> work);

  /** Runs work that must apply all or nothing. Retried outside a caller's transaction. */
  <T> T atomically(String operation, Work<T> work);

  /** As {@link #atomically}, never re-run: for work that runs the caller's code. */
  <T> T atomicallyWithoutRetry(String operation, Work<T> work);

  /**
   * Runs work that belongs to a transaction the caller opened, in it as it is.
   *
   * @throws NoCallerTransactionException outside one
   */
  <T> T inCallersTransaction(String operation, Work<T> work);

  /**
   * Runs {@code work} in racefree's own transaction, re-run as {@code policy} says, each re-run at
   * {@code retries} isolation.
   *
   * @throws NestedTransactionException inside a caller's transaction, where a retry is impossible
   */
  <T> Retried<T> ownTransaction(
      String operation, RetryPolicy policy, Transactions.Isolation retries, Work<T> work);

  /**
   * One operation made of several steps ({@code steps} runs them on the runner it is given, each
   * its own transaction), reported as one.
   */
  <T> T steps(String operation, Function<OperationRunner, T> steps);

  /** A step lost an optimistic race and runs again. */
  void retried();

  /** A runner over one running transaction's configuration, observed as this one. */
  OperationRunner within(Configuration transaction);

  /** This runner, reporting each operation to {@code observer}. */
  OperationRunner observedBy(RacefreeObserver observer);

  /**
   * A runner for steps of the operation {@code observing} watches (or of none): they report what
   * they learn to it, and start nothing of their own.
   */
  OperationRunner joining(@Nullable Observing observing);
}
