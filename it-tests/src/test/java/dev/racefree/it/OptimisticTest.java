package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Account;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.result.ConcurrentModification;
import dev.racefree.result.ModifyResult;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.RetriesExhausted;
import dev.racefree.result.Updated;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class OptimisticTest {

  static final int THREADS = 32;

  @Test
  void a_stale_version_is_detected_and_changes_nothing(Racefree rf) {
    long id = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(id, 100);
    Account read = rf.accounts().find(id).orElseThrow();

    rf.accounts().debit(id, 30); // a concurrent writer moves the version on

    assertThat(rf.accounts().update(read, read.balance() + 1))
        .isEqualTo(new ConcurrentModification(id, read.version()));
    assertThat(rf.accounts().balance(id)).isEqualTo(70);
    Account fresh = rf.accounts().find(id).orElseThrow();
    Updated updated = (Updated) rf.accounts().update(fresh, 71);
    assertThat(updated.account().balance()).isEqualTo(71);
    assertThat(updated.account().version()).isEqualTo(fresh.version() + 1);
    assertThat(updated.attempts()).isEqualTo(1);
  }

  @Test
  void racing_writers_of_one_read_let_exactly_one_win(Racefree rf) throws Exception {
    long id = rf.accounts().open("bob", "EUR");
    Account read = rf.accounts().find(id).orElseThrow();

    List<Object> results = Race.run(THREADS, (t, barrier) -> rf.accounts().update(read, t + 1));

    assertThat(results).filteredOn(Updated.class::isInstance).hasSize(1);
    assertThat(results).filteredOn(ConcurrentModification.class::isInstance).hasSize(THREADS - 1);
  }

  @Test
  void retrying_updaters_reach_the_exact_value_within_bounded_attempts(Racefree rf)
      throws Exception {
    long id = rf.accounts().open("carol", "EUR");
    int perThread = 5;
    RetryPolicy policy =
        RetryPolicy.attempts(200).withBackoff(Duration.ofMillis(1), Duration.ofMillis(20));

    List<ModifyResult> results =
        Race.run(
            THREADS,
            (t, barrier) -> {
              ModifyResult last = null;
              for (int i = 0; i < perThread; i++) {
                last = rf.accounts().modify(id, policy, balance -> balance + 1);
                assertThat(last).isInstanceOf(Updated.class);
              }
              return last;
            });

    assertThat(results)
        .hasSize(THREADS)
        .allSatisfy(r -> assertThat(((Updated) r).attempts()).isBetween(1, 200));
    assertThat(rf.accounts().balance(id)).isEqualTo((long) THREADS * perThread);
  }

  @Test
  void a_single_attempt_under_contention_gives_up_with_a_value_and_the_total_still_adds_up(
      Racefree rf) throws Exception {
    long id = rf.accounts().open("dave", "EUR");

    List<ModifyResult> results =
        Race.run(
            THREADS,
            (t, barrier) ->
                rf.accounts()
                    .modify(
                        id,
                        RetryPolicy.attempts(1),
                        balance -> {
                          try {
                            Race.together(
                                barrier); // every thread has read the same version before anyone
                            // writes
                          } catch (Exception e) {
                            throw new AssertionError(e);
                          }
                          return balance + 1;
                        }));

    assertThat(results).filteredOn(Updated.class::isInstance).hasSize(1);
    assertThat(results)
        .filteredOn(RetriesExhausted.class::isInstance)
        .hasSize(THREADS - 1)
        .allSatisfy(r -> assertThat(((RetriesExhausted) r).attempts()).isEqualTo(1));
    assertThat(rf.accounts().balance(id)).isEqualTo(1);
  }

  @Test
  void modify_on_an_unknown_account_is_a_value(Racefree rf) {
    assertThat(rf.accounts().modify(424242, RetryPolicy.attempts(3), b -> b + 1))
        .isEqualTo(new NoSuchAccount(424242));
  }
}
