package dev.racefree.internal.runner;

import dev.racefree.CallerTransaction;
import dev.racefree.RacefreeObserver;
import dev.racefree.RetryPolicy;
import dev.racefree.exception.NestedTransactionException;
import dev.racefree.exception.NoCallerTransactionException;
import dev.racefree.exception.RacefreeException;
import dev.racefree.result.Retried;
import java.sql.SQLException;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jspecify.annotations.Nullable;

/**
 * Runs each racefree operation on one connection of the caller's configuration, in the right
 * transaction ({@link Owner}): joined to the caller's (a savepoint for all-or-nothing work, never a
 * commit), or racefree's own, committed before the operation returns. Database failures become
 * classified {@link RacefreeException}s; the caller's own exceptions pass through unchanged.
 * Outside a caller's transaction, a serialization failure or deadlock re-runs the whole operation
 * ({@link Retrying#OWN_OPERATIONS}), at READ COMMITTED ({@link Transactions}). Each operation is
 * reported to the {@link RacefreeObserver}, if one is set ({@link Observing}).
 */
public final class Db {

  /** An operation's work on its connection; may throw what the driver throws. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Tx tx) throws SQLException;
  }

  private final Configuration cfg;
  private final @Nullable CallerTransaction probe;
  private final RacefreeObserver observer;
  private final @Nullable Observing joined; // the operation these are steps of: see steps()

  public Db(Configuration cfg, @Nullable CallerTransaction probe) {
    this(cfg, probe, RacefreeObserver.NONE, null);
  }

  private Db(
      Configuration cfg,
      @Nullable CallerTransaction probe,
      RacefreeObserver observer,
      @Nullable Observing joined) {
    this.cfg = cfg;
    this.probe = probe;
    this.observer = observer;
    this.joined = joined;
  }

  public Configuration configuration() {
    return cfg;
  }

  public RacefreeObserver observer() {
    return observer;
  }

  /** A database over one running transaction's configuration, observed as this one. */
  public Db within(Configuration transaction) {
    return new Db(transaction, null, observer, null);
  }

  /** This database, reporting each operation to {@code observer}. */
  public Db observedBy(RacefreeObserver observer) {
    return new Db(cfg, probe, observer, null);
  }

  /**
   * This database for steps of the operation {@code observing} watches (or of none): they report
   * what they learn to it, and start nothing of their own.
   */
  public Db joining(@Nullable Observing observing) {
    return observing == null && Observing.none(observer) && joined == null
        ? this
        : new Db(cfg, probe, RacefreeObserver.NONE, observing);
  }

  /** Whether operations started here are watched. */
  public boolean watched() {
    return !Observing.none(observer) && joined == null;
  }

  /** How work runs: as {@link #run}, {@link #atomically} and the others below say. */
  private enum Mode {
    RUN,
    ATOMIC,
    ATOMIC_ONCE,
    CALLERS
  }

  /** Runs one statement, or reads: no all-or-nothing needed. Retried outside a caller's. */
  public <T> T run(String operation, Work<T> work) {
    return execute(operation, Mode.RUN, work);
  }

  /** Runs work that must apply all or nothing. Retried outside a caller's transaction. */
  public <T> T atomically(String operation, Work<T> work) {
    return execute(operation, Mode.ATOMIC, work);
  }

  /** As {@link #atomically}, never re-run: for work that runs the caller's code. */
  public <T> T atomicallyWithoutRetry(String operation, Work<T> work) {
    return execute(operation, Mode.ATOMIC_ONCE, work);
  }

  /**
   * Runs work that belongs to a transaction the caller opened, in it as it is.
   *
   * @throws NoCallerTransactionException outside one
   */
  public <T> T inCallersTransaction(String operation, Work<T> work) {
    return execute(operation, Mode.CALLERS, work);
  }

  /**
   * One operation made of several steps ({@code steps} runs them on the database it is given, each
   * its own transaction), reported as one.
   */
  public <T> T steps(String operation, Function<Db, T> steps) {
    Observing o = joined != null ? null : Observing.start(observer, operation);
    if (o == null) {
      return steps.apply(this);
    }
    Db joining = joining(o);
    return o.around(() -> steps.apply(joining));
  }

  /** A step lost an optimistic race and runs again. */
  public void retried() {
    if (joined != null) {
      joined.retried();
    }
  }

  /**
   * Runs {@code work} in racefree's own transaction, re-run as {@code policy} says.
   *
   * @throws NestedTransactionException inside a caller's transaction, where a retry is impossible
   */
  public <T> Retried<T> ownTransaction(String operation, RetryPolicy policy, Work<T> work) {
    Observing o = joined != null ? null : Observing.start(observer, operation);
    if (o == null) {
      return ownTransaction(joined, policy, work);
    }
    return o.around(() -> ownTransaction(o, policy, work));
  }

  private <T> Retried<T> ownTransaction(
      @Nullable Observing observing, RetryPolicy policy, Work<T> work) {
    return Connections.with(
        cfg,
        c -> {
          Owner owner = Owner.of(cfg, c, probe);
          if (owner == Owner.CALLER) {
            throw new NestedTransactionException();
          }
          Tx tx = new Tx(cfg, c, observing);
          return Retrying.run(
              policy,
              n -> {
                tx.attempt(n);
                return Transactions.own(tx, owner, true, false, work);
              });
        });
  }

  private <T> T execute(String operation, Mode mode, Work<T> work) {
    Observing o = joined != null ? null : Observing.start(observer, operation);
    if (o == null) {
      return onConnection(joined, operation, mode, work);
    }
    return o.around(() -> onConnection(o, operation, mode, work));
  }

  private <T> T onConnection(
      @Nullable Observing observing, String operation, Mode mode, Work<T> work) {
    return Connections.with(
        cfg,
        c -> {
          Owner owner = Owner.of(cfg, c, probe);
          Tx tx = new Tx(cfg, c, observing);
          boolean atomic = mode == Mode.ATOMIC || mode == Mode.ATOMIC_ONCE;
          if (owner == Owner.CALLER) {
            return atomic ? Transactions.inSavepoint(c, tx, work) : work.run(tx);
          }
          if (mode == Mode.CALLERS) {
            throw new NoCallerTransactionException(operation);
          }
          if (mode == Mode.ATOMIC_ONCE) {
            return Transactions.own(tx, owner, true, false, work);
          }
          return Retrying.run(
                  Retrying.OWN_OPERATIONS,
                  n -> {
                    tx.attempt(n);
                    return Transactions.own(tx, owner, atomic, n > 1, work);
                  })
              .value();
        });
  }
}
