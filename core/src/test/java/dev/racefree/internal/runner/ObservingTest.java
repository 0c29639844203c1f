package dev.racefree.internal.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.RacefreeObserver;
import dev.racefree.exception.DeadlockDetectedException;
import dev.racefree.result.Debited;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.LockResult;
import dev.racefree.result.Retried;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;

public class ObservingTest {

  /** Records each end as "operation outcome replayed retries". */
  private static final class Ends implements RacefreeObserver {
    final List<String> ends = new ArrayList<>();

    @Override
    public Observation start(String operation) {
      return (outcome, replayed, retries) ->
          ends.add(operation + " " + outcome + " " + replayed + " " + retries);
    }
  }

  @Test
  public void none_watches_nothing_and_allocates_no_observation() {
    assertThat(Observing.start(RacefreeObserver.NONE, "accounts.debit")).isNull();
    assertThat(Observing.batch(RacefreeObserver.NONE)).isNull();
    RacefreeObserver.NONE.start("accounts.debit").end("Debited", false, 0); // does nothing
    RacefreeObserver.NONE.batchRan("batching.batch", 3);
    RacefreeObserver.NONE.lockWaited("accounts.withLock", Duration.ZERO);
  }

  @Test
  public void an_observer_of_starts_alone_gets_batches_and_lock_waits_as_no_ops() {
    Ends ends = new Ends();
    ends.batchRan("batching.batch", 2);
    ends.lockWaited("accounts.withLock", Duration.ofMillis(1));
    Observing.batchRan(ends, 2);
    assertThat(ends.ends).isEmpty();
  }

  @Test
  public void the_outcome_is_a_sealed_results_simple_name_an_exceptions_or_ok() {
    Ends ends = new Ends();
    observed(ends, "accounts.debit").ended(new Debited(5));
    observed(ends, "accounts.debit").ended(new InsufficientFunds(0));
    observed(ends, "accounts.withLock").ended(new LockResult.NotAcquired<>(7));
    observed(ends, "accounts.open").ended(42L);
    observed(ends, "racefree.inTransaction").ended(new Retried<>("x", 1));
    observed(ends, "accounts.debit")
        .failed(new DeadlockDetectedException("deadlock", "40P01", new RuntimeException()));
    assertThat(ends.ends)
        .containsExactly(
            "accounts.debit Debited false 0",
            "accounts.debit InsufficientFunds false 0",
            "accounts.withLock NotAcquired false 0",
            "accounts.open Ok false 0",
            "racefree.inTransaction Ok false 0",
            "accounts.debit DeadlockDetectedException false 0");
  }

  @Test
  public void around_reports_the_callers_exception_and_rethrows_it_unchanged() {
    Ends ends = new Ends();
    IllegalStateException mine = new IllegalStateException("the caller's");
    assertThatThrownBy(() ->
            observed(ends, "accounts.withLock")
                .around(() -> {
                  throw mine;
                }))
        .isSameAs(mine);
    assertThat(ends.ends).containsExactly("accounts.withLock IllegalStateException false 0");
  }

  @Test
  public void a_replay_of_a_failed_attempt_is_forgotten_and_each_new_attempt_is_a_retry() {
    Ends ends = new Ends();
    Observing o = observed(ends, "accounts.debit");
    o.attempt(1);
    o.replayed(true);
    o.attempt(2);
    o.attempt(3);
    o.ended(new Debited(1));
    Observing kept = observed(ends, "accounts.debit");
    kept.attempt(1);
    kept.replayed(true);
    kept.ended(new Debited(1));
    assertThat(ends.ends)
        .containsExactly("accounts.debit Debited false 2", "accounts.debit Debited true 0");
  }

  @Test
  public void an_observer_that_throws_changes_nothing() {
    RacefreeObserver broken =
        new RacefreeObserver() {
          @Override
          public Observation start(String operation) {
            return (outcome, replayed, retries) -> {
              throw new IllegalStateException("end");
            };
          }

          @Override
          public void lockWaited(String operation, Duration waited) {
            throw new IllegalStateException("lock");
          }

          @Override
          public void batchRan(String operation, int size) {
            throw new IllegalStateException("batch");
          }
        };
    Observing o = observed(broken, "accounts.withLock");
    o.lockWaited(System.nanoTime());
    assertThat(o.around(() -> "value")).isEqualTo("value");
    Observing.batchRan(broken, 1);
    RacefreeObserver refusesToStart =
        operation -> {
          throw new IllegalStateException("start");
        };
    assertThat(observed(refusesToStart, "accounts.debit").ended(new Debited(3)))
        .isEqualTo(new Debited(3));
  }

  private static Observing observed(RacefreeObserver observer, String operation) {
    return Objects.requireNonNull(Observing.start(observer, operation));
  }
}
