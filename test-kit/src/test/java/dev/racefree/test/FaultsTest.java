package dev.racefree.test;

import static dev.racefree.test.KitDatabase.balance;
import static dev.racefree.test.KitDatabase.reset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.exception.ConnectionLostException;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import org.junit.jupiter.api.Test;

/**
 * Faults at the same points in every schedule: a backend killed before a step, an answer lost after
 * a COMMIT ran. Retries with the same idempotency key converge; a blind retry pays twice.
 */
class FaultsTest {

  static final long ID = 1;

  final Interleavings races = Interleavings.on(KitDatabase.dataSource());
  final Naive naive = new Naive(races.dataSource());
  final Racefree rf = KitDatabase.racefree(races.dataSource());
  final Racefree plain = KitDatabase.racefree(KitDatabase.dataSource());

  /** A keyed debit, sent again with the same key until it answers. */
  DebitResult pay(long account, long amount, IdempotencyKey key) {
    for (int attempt = 1; ; attempt++) {
      try {
        return rf.accounts().debit(account, amount, key);
      } catch (ConnectionLostException e) {
        if (attempt == 3) {
          throw e;
        }
      }
    }
  }

  @Test
  void a_blind_retry_after_a_lost_commit_answer_pays_twice_and_is_caught() throws Exception {
    Exploration e =
        races
            .of(() -> naive.debitRetryingBlindly(ID, 30), () -> naive.debitRetryingBlindly(ID, 30))
            .setup(() -> reset(ID, 100))
            .fault(Fault.loseAnswerOfCommit(1, 1))
            .invariant(
                o -> assertThat(balance(ID)).isEqualTo(100 - 30 * o.count(Boolean.TRUE::equals)))
            .exhaustively();
    assertThat(e.complete()).isTrue();
    assertThat(e.failures()).hasSize(e.schedulesRun()); // every schedule: the commit was not lost
    ScheduleFailure f = e.minimalFailure().orElseThrow();
    assertThat(f.schedule().steps())
        .anySatisfy(s -> assertThat(s.fault()).isEqualTo(Fault.Kind.LOSE_ANSWER));
  }

  @Test
  void keyed_racefree_debits_converge_after_a_lost_commit_answer_and_a_killed_backend()
      throws Exception {
    long[] account = new long[1];
    Interleavings.Plan plan =
        races
            .of(
                () -> pay(account[0], 30, IdempotencyKey.of("kit", "a-" + account[0])),
                () -> pay(account[0], 30, IdempotencyKey.of("kit", "b-" + account[0])))
            .setup(() -> {
              account[0] = plain.accounts().open("faults-" + System.nanoTime(), "EUR");
              plain.accounts().credit(account[0], 100);
            })
            .invariant(
                Invariants.racefreeClean(plain)
                    .and(Invariants.moneyConservedPerCurrency(plain))
                    .and(o -> assertThat(o.count(Debited.class)).isEqualTo(2))
                    .and(o ->
                        assertThat(plain.accounts().find(account[0]).orElseThrow().balance())
                            .isEqualTo(40)));
    // tag::faults[]
    Exploration lostAnswer = plan.fault(Fault.loseAnswerOfCommit(1, 1)).randomly(11, 8);
    Exploration killed = plan.fault(Fault.killBackendBefore(2, 2)).randomly(12, 8);
    // end::faults[]
    lostAnswer.assertHolds();
    killed.assertHolds();
  }
}
