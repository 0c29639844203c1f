package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.IssuedToken;
import dev.racefree.LockPolicy;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.result.Debited;
import dev.racefree.result.LockResult;
import dev.racefree.result.Redeemed;
import dev.racefree.result.Updated;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The same races as the per-technique tests, with every session defaulting to READ COMMITTED or to
 * SERIALIZABLE: the outcome must be exact either way, and no serialization failure may reach a
 * caller of racefree's own operations.
 */
@ExtendWith(PostgresExtension.class)
class IsolationTest {

  static final int THREADS = 32;

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void atomic_debits_are_exact(Isolation isolation) throws Exception {
    Racefree rf = Racefree.using(TestDatabase.get().dsl(isolation));
    long id = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(id, 500);

    List<Long> wins =
        Race.run(
            THREADS,
            (t, barrier) -> {
              long ok = 0;
              for (int i = 0; i < 20; i++) {
                if (rf.accounts().debit(id, 1) instanceof Debited) {
                  ok++;
                }
              }
              return ok;
            });

    assertThat(wins.stream().mapToLong(Long::longValue).sum()).isEqualTo(500);
    assertThat(rf.accounts().balance(id)).isZero();
    assertThat(rf.verify().isClean()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void one_token_has_one_redeemer(Isolation isolation) throws Exception {
    Racefree rf = Racefree.using(TestDatabase.get().dsl(isolation));
    IssuedToken token = rf.tokens().issue("invite", Instant.now().plusSeconds(600));

    List<Object> results =
        Race.run(THREADS, (t, barrier) -> rf.tokens().redeem(token.value(), "user-" + t));

    assertThat(results).filteredOn(Redeemed.class::isInstance).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void locked_and_optimistic_writers_are_exact_when_retried_as_whole_transactions(
      Isolation isolation) throws Exception {
    Racefree rf = Racefree.using(TestDatabase.get().dsl(isolation));
    long id = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(id, 10_000);
    RetryPolicy policy =
        RetryPolicy.attempts(200).withBackoff(Duration.ofMillis(1), Duration.ofMillis(50));

    Race.run(
        THREADS,
        (t, barrier) -> {
          for (int i = 0; i < 5; i++) {
            Object r =
                t % 2 == 0
                    ? rf.inTransaction(
                            policy,
                            tx ->
                                tx.accounts()
                                    .withLock(id, LockPolicy.waitIndefinitely(), a -> a.debit(3)))
                        .value()
                    : rf.accounts().modify(id, policy, balance -> balance - 2);
            boolean applied =
                r instanceof Updated
                    || (r instanceof LockResult.Acquired<?> acquired
                        && acquired.value() instanceof Debited);
            assertThat(applied).as("%s", r).isTrue();
          }
          return null;
        });

    assertThat(rf.accounts().balance(id)).isEqualTo(10_000 - 16 * 5 * 3 - 16 * 5 * 2);
    assertThat(rf.verify().isClean()).isTrue();
  }
}
