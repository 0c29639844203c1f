package dev.racefree.internal.runner;

import dev.racefree.CallerTransaction;
import dev.racefree.RacefreeObserver;
import dev.racefree.RetryPolicy;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.exception.NestedTransactionException;
import dev.racefree.exception.NoCallerTransactionException;
import dev.racefree.exception.RacefreeException;
import dev.racefree.result.Retried;
import java.sql.Connection;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jspecify.annotations.Nullable;

/**
 * Runs each racefree operation on one connection of the caller's configuration, in the right
 * transaction ({@link Owner}): joined to the caller's (a savepoint for all-or-nothing work, never a
 * commit), or racefree's own, committed before the operation returns. Database failures become
 * classified {@link RacefreeException}s; the caller's own exceptions pass through unchanged.
 * Outside a caller's transaction, a serialization failure or deadlock re-runs the whole operation
 * ({@link Retrying#OWN_OPERATIONS}), at READ COMMITTED ({@link Transactions}). What an operation
 * learns on the way goes to the {@link Observing} it reports to, if any; starting and ending the
 * observation is {@link ObservedRunner}'s.
 */
final class TransactionRunner implements OperationRunner {

  /** How work runs: as {@link #run}, {@link #atomically} and the others say. */
  private enum Mode {
    RUN(Transactions.Scope.STATEMENT),
    ATOMIC(Transactions.Scope.ALL_OR_NOTHING),
    ATOMIC_ONCE(Transactions.Scope.ALL_OR_NOTHING),
    CALLERS(Transactions.Scope.STATEMENT);

    final Transactions.Scope scope;

    Mode(Transactions.Scope scope) {
      this.scope = scope;
    }
  }

  private final Configuration cfg;
  private final @Nullable CallerTransaction probe;
  private final @Nullable Observing reportsTo;

  TransactionRunner(
      Configuration cfg, @Nullable CallerTransaction probe, @Nullable Observing reportsTo) {
    this.cfg = cfg;
    this.probe = probe;
    this.reportsTo = reportsTo;
  }

  @Override
  public Configuration configuration() {
    return cfg;
  }

  @Override
  public RacefreeObserver observer() {
    return RacefreeObserver.NONE;
  }

  @Override
  public <T> T run(String operation, Work<T> work) {
    return execute(operation, Mode.RUN, work);
  }

  @Override
  public <T> T atomically(String operation, Work<T> work) {
    return execute(operation, Mode.ATOMIC, work);
  }

  @Override
  public <T> T atomicallyWithoutRetry(String operation, Work<T> work) {
    return execute(operation, Mode.ATOMIC_ONCE, work);
  }

  @Override
  public <T> T inCallersTransaction(String operation, Work<T> work) {
    return execute(operation, Mode.CALLERS, work);
  }

  @Override
  public <T> T steps(String operation, Function<OperationRunner, T> steps) {
    return steps.apply(this);
  }

  @Override
  public void retried() {
    if (reportsTo != null) {
      reportsTo.retried();
    }
  }

  @Override
  public OperationRunner within(Configuration transaction) {
    return withConfiguration(transaction);
  }

  /** This runner over one running transaction's configuration. */
  TransactionRunner withConfiguration(Configuration transaction) {
    return new TransactionRunner(transaction, null, reportsTo);
  }

  @Override
  public OperationRunner observedBy(RacefreeObserver observer) {
    TransactionRunner plain = reportsTo == null ? this : new TransactionRunner(cfg, probe, null);
    return Observing.none(observer) ? plain : new ObservedRunner(plain, observer);
  }

  @Override
  public OperationRunner joining(@Nullable Observing observing) {
    return observing == reportsTo ? this : new TransactionRunner(cfg, probe, observing);
  }

  @Override
  public <T> Retried<T> ownTransaction(
      String operation, RetryPolicy policy, Transactions.Isolation retries, Work<T> work) {
    return Connections.with(
        cfg,
        c -> {
          Owner owner = Owner.of(cfg, c, probe);
          if (owner == Owner.CALLER) {
            throw new NestedTransactionException();
          }
          return retried(
              c,
              new Tx(cfg, c, reportsTo),
              owner,
              policy,
              Transactions.Scope.ALL_OR_NOTHING,
              retries,
              work);
        });
  }

  private <T> T execute(String operation, Mode mode, Work<T> work) {
    return Connections.with(
        cfg,
        c -> {
          Owner owner = Owner.of(cfg, c, probe);
          Tx tx = new Tx(cfg, c, reportsTo);
          Transactions.Scope scope = mode.scope;
          if (owner == Owner.CALLER) {
            return scope == Transactions.Scope.ALL_OR_NOTHING
                ? Transactions.inSavepoint(c, tx, work)
                : work.run(tx);
          }
          if (mode == Mode.CALLERS) {
            throw new NoCallerTransactionException(operation);
          }
          if (mode == Mode.ATOMIC_ONCE) {
            return Transactions.own(tx, owner, scope, Transactions.Isolation.AS_SET, work);
          }
          return retried(
                  c,
                  tx,
                  owner,
                  Retrying.OWN_OPERATIONS,
                  scope,
                  Transactions.Isolation.READ_COMMITTED,
                  work)
              .value();
        });
  }

  /**
   * {@code work} in racefree's own transaction, re-run as {@code policy} says, each re-run at
   * {@code retries} isolation; attempts after the first on a fresh connection when an earlier one
   * lost {@code c} ({@link #attempt}).
   */
  private <T> Retried<T> retried(
      Connection c,
      Tx tx,
      Owner owner,
      RetryPolicy policy,
      Transactions.Scope scope,
      Transactions.Isolation retries,
      Work<T> work) {
    return Retrying.run(
        policy,
        n ->
            attempt(
                c,
                tx,
                owner,
                n,
                (t, o) ->
                    Transactions.own(
                        t, o, scope, n > 1 ? retries : Transactions.Isolation.AS_SET, work)));
  }

  /** One attempt of racefree's own transaction, on the connection and owner it is given. */
  @FunctionalInterface
  private interface Attempt<T> {
    T run(Tx tx, Owner owner);
  }

  /**
   * Attempt {@code n} on {@code c}; when an earlier attempt lost {@code c} (its rollback found the
   * connection gone), on a fresh connection instead. A re-run follows only a serialization failure
   * or a deadlock, which the server rolled back whatever became of the connection, so nothing of
   * the lost attempt can have committed.
   */
  private <T> T attempt(Connection c, Tx tx, Owner owner, int n, Attempt<T> attempt) {
    if (n == 1 || !Connections.closed(c)) { // no round trip: the pool or driver knows
      tx.attempt(n);
      return attempt.run(tx, owner);
    }
    return Connections.with(
        cfg,
        fresh -> {
          Owner o = Owner.of(cfg, fresh, probe);
          if (o == Owner.CALLER) {
            throw new InternalErrorException(
                "a fresh connection for a retry is in a caller's transaction");
          }
          Tx t = new Tx(cfg, fresh, reportsTo);
          t.attempt(n);
          return attempt.run(t, o);
        });
  }
}
