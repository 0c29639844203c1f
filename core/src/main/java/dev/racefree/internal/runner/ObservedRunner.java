package dev.racefree.internal.runner;

import dev.racefree.RacefreeObserver;
import dev.racefree.RetryPolicy;
import dev.racefree.result.Retried;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jspecify.annotations.Nullable;

/**
 * Reports each operation to a {@link RacefreeObserver}: starts an {@link Observing} for it, runs it
 * on a {@link TransactionRunner} that reports what it learns there (replays, attempts, lock waits),
 * and reports how it ended. The runner it decorates reports to nobody.
 */
final class ObservedRunner implements OperationRunner {

  private final TransactionRunner inner;
  private final RacefreeObserver observer;

  ObservedRunner(TransactionRunner inner, RacefreeObserver observer) {
    this.inner = inner;
    this.observer = observer;
  }

  @Override
  public Configuration configuration() {
    return inner.configuration();
  }

  @Override
  public RacefreeObserver observer() {
    return observer;
  }

  @Override
  public <T> T run(String operation, Work<T> work) {
    return observed(operation, r -> r.run(operation, work));
  }

  @Override
  public <T> T atomically(String operation, Work<T> work) {
    return observed(operation, r -> r.atomically(operation, work));
  }

  @Override
  public <T> T atomicallyWithoutRetry(String operation, Work<T> work) {
    return observed(operation, r -> r.atomicallyWithoutRetry(operation, work));
  }

  @Override
  public <T> T inCallersTransaction(String operation, Work<T> work) {
    return observed(operation, r -> r.inCallersTransaction(operation, work));
  }

  @Override
  public <T> Retried<T> ownTransaction(
      String operation, RetryPolicy policy, Transactions.Isolation retries, Work<T> work) {
    return observed(operation, r -> r.ownTransaction(operation, policy, retries, work));
  }

  @Override
  public <T> T steps(String operation, Function<OperationRunner, T> steps) {
    return observed(operation, steps);
  }

  @Override
  public void retried() {
    // nothing joined: a retry is reported by the steps' own runner
  }

  @Override
  public OperationRunner within(Configuration transaction) {
    return new ObservedRunner(inner.withConfiguration(transaction), observer);
  }

  @Override
  public OperationRunner observedBy(RacefreeObserver observer) {
    return inner.observedBy(observer);
  }

  @Override
  public OperationRunner joining(@Nullable Observing observing) {
    return inner.joining(observing);
  }

  private <T> T observed(String operation, Function<OperationRunner, T> work) {
    Observing o = Observing.start(observer, operation);
    if (o == null) {
      return work.apply(inner);
    }
    return o.around(() -> work.apply(inner.joining(o)));
  }
}
