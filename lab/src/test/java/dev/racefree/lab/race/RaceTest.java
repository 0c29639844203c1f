package dev.racefree.lab.race;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.AuditReport;
import dev.racefree.RetryPolicy;
import dev.racefree.lab.load.AccountChoice;
import dev.racefree.lab.load.LoadResult;
import dev.racefree.lab.load.Outcome;
import dev.racefree.lab.load.Tally;
import dev.racefree.lab.report.Progress;
import dev.racefree.lab.report.ResultRow;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.SharedServer;
import dev.racefree.lab.strategies.Gap;
import dev.racefree.lab.strategies.Strategy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lab's race on an embedded PostgreSQL (fsync off: durability changes no outcome here). Every
 * assertion is about balances and counts, never about time.
 */
class RaceTest {

  private static final List<Strategy> RACEFREE =
      List.of(
          Strategy.ATOMIC,
          Strategy.PESSIMISTIC,
          Strategy.OPTIMISTIC,
          Strategy.HOLDS,
          Strategy.BATCHED);
  private static final RetryPolicy RETRY =
      RetryPolicy.attempts(1_000).withBackoff(Duration.ofMillis(1), Duration.ofMillis(20));
  private static final long AMOUNT = 7;

  private static LabServer server;

  @BeforeAll
  static void start() throws Exception {
    server = SharedServer.get();
  }

  /** Every client reads the balance, then all wait for one another, then all write. */
  private static Gap everyoneReadsBeforeAnyoneWrites(int clients) {
    CyclicBarrier barrier = new CyclicBarrier(clients);
    return barrier::await;
  }

  private static List<ResultRow> race(
      List<Strategy> strategies,
      int clients,
      long opsPerClient,
      AccountChoice accounts,
      long initialBalance,
      IntFunction<Gap> gap)
      throws Exception {
    RaceSettings settings =
        new RaceSettings(
            strategies,
            List.of(clients),
            opsPerClient,
            accounts,
            AMOUNT,
            initialBalance,
            0,
            RETRY,
            gap);
    return Race.run(server, settings, Progress.NONE);
  }

  @Test
  void naive_read_modify_write_loses_every_debit_but_one_per_round_when_all_read_first()
      throws Exception {
    int clients = 8;
    long rounds = 5;
    ResultRow naive =
        race(
                List.of(Strategy.NAIVE),
                clients,
                rounds,
                new AccountChoice(1, 0),
                1_000_000,
                RaceTest::everyoneReadsBeforeAnyoneWrites)
            .getFirst();

    // In each round all 8 clients read the same balance and all write balance - amount:
    // 8 debits "succeed", the balance moves once.
    assertThat(naive.requests().errors()).isZero();
    assertThat(naive.requests().succeeded()).isEqualTo(clients * rounds);
    assertThat(naive.balances().actualBalance()).isEqualTo(1_000_000 - rounds * AMOUNT);
    assertThat(naive.balances().lostUpdates()).isEqualTo(rounds * (clients - 1) * AMOUNT);
    assertThat(naive.balances().invariantViolations()).isEqualTo(1);
    assertThat(naive.balances().ledgerMismatches())
        .as("naive writes behind the ledger's back: verify() sees it")
        .isEqualTo(1);
    assertThat(naive.brokeInvariant())
        .as("naive is allowed to break it: that is the demonstration")
        .isFalse();
  }

  @Test
  void racefree_strategies_lose_no_update_on_one_hot_account() throws Exception {
    int clients = 16;
    long ops = 25;
    long initial = 1_000_000;
    List<ResultRow> rows =
        race(RACEFREE, clients, ops, new AccountChoice(1, 0), initial, c -> Gap.NONE);

    assertThat(rows.stream().map(r -> r.run().strategy()))
        .containsExactly("atomic", "pessimistic", "optimistic", "holds", "batched");
    for (ResultRow r : rows) {
      assertThat(r.requests().errors()).as(r.run().strategy()).isZero();
      assertThat(r.requests().rejected()).as(r.run().strategy()).isZero();
      assertThat(r.requests().succeeded()).as(r.run().strategy()).isEqualTo(clients * ops);
      assertThat(r.balances().actualBalance())
          .as(r.run().strategy())
          .isEqualTo(initial - clients * ops * AMOUNT);
      assertThat(r.balances().lostUpdates()).as(r.run().strategy()).isZero();
      assertThat(r.balances().invariantViolations()).as(r.run().strategy()).isZero();
      assertThat(r.balances().ledgerMismatches())
          .as(r.run().strategy() + ": balance = sum(ledger entries)")
          .isZero();
      assertThat(r.brokeInvariant()).as(r.run().strategy()).isFalse();
    }
  }

  @Test
  void racefree_strategies_never_overdraw_when_clients_ask_for_more_than_there_is()
      throws Exception {
    long affordable = 50;
    List<ResultRow> rows =
        race(RACEFREE, 8, 20, new AccountChoice(1, 0), affordable * AMOUNT, c -> Gap.NONE);

    for (ResultRow r : rows) {
      assertThat(r.requests().errors()).as(r.run().strategy()).isZero();
      assertThat(r.balances().actualBalance()).as(r.run().strategy()).isGreaterThanOrEqualTo(0);
      assertThat(r.balances().lostUpdates()).as(r.run().strategy()).isZero();
      assertThat(r.balances().invariantViolations()).as(r.run().strategy()).isZero();
      assertThat(r.balances().ledgerMismatches()).as(r.run().strategy()).isZero();
      assertThat(r.requests().succeeded() + r.requests().rejected())
          .as(r.run().strategy())
          .isEqualTo(160);
    }
    // atomic and pessimistic are refused only for lack of funds: exactly what there was is taken.
    assertThat(rows.subList(0, 2))
        .allSatisfy(r -> {
          assertThat(r.requests().succeeded()).as(r.run().strategy()).isEqualTo(affordable);
          assertThat(r.balances().actualBalance()).as(r.run().strategy()).isZero();
        });
  }

  @Test
  void racefree_strategies_keep_every_balance_exact_across_many_skewed_accounts() throws Exception {
    long initial = 1_000_000;
    List<ResultRow> rows =
        race(RACEFREE, 8, 30, new AccountChoice(20, 1.2), initial, c -> Gap.NONE);

    for (ResultRow r : rows) {
      assertThat(r.run().accounts()).isEqualTo(20);
      assertThat(r.requests().errors()).as(r.run().strategy()).isZero();
      assertThat(r.requests().succeeded()).as(r.run().strategy()).isEqualTo(240);
      assertThat(r.balances().expectedBalance())
          .as(r.run().strategy())
          .isEqualTo(20 * initial - 240 * AMOUNT);
      assertThat(r.balances().actualBalance())
          .as(r.run().strategy())
          .isEqualTo(r.balances().expectedBalance());
      assertThat(r.balances().invariantViolations()).as(r.run().strategy()).isZero();
      assertThat(r.balances().ledgerMismatches()).as(r.run().strategy()).isZero();
    }
  }

  @Test
  void
      an_account_the_audit_flags_is_a_violation_for_racefree_strategies_and_only_reported_for_naive() {
    long[] ids = {10, 11, 12};
    AuditReport audit =
        new AuditReport(
            List.of(
                new AuditReport.BalanceMismatch(11, 93, 100),
                new AuditReport.BalanceMismatch(99, 1, 2)),
            List.of(12L, 98L),
            List.of(new AuditReport.HeldMismatch(97, 5, 0)),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    boolean[] flagged = Race.flagged(audit, ids);
    assertThat(flagged).containsExactly(false, true, true);

    Tally tally = new Tally(3);
    tally.record(1, Outcome.SUCCEEDED);
    LoadResult load = new LoadResult(1, 1, tally);
    RaceSettings s =
        new RaceSettings(
            List.of(Strategy.ATOMIC),
            List.of(1),
            1,
            new AccountChoice(3, 0),
            AMOUNT,
            100,
            0,
            RETRY,
            c -> Gap.NONE);
    long[] exact = {100, 100 - AMOUNT, 100}; // what the one success says: balances alone look fine

    ResultRow atomic = Race.row(Strategy.ATOMIC, load, s, exact, flagged);
    assertThat(atomic.balances().ledgerMismatches()).isEqualTo(2);
    assertThat(atomic.balances().invariantViolations()).isEqualTo(2);
    assertThat(atomic.brokeInvariant()).isTrue();

    ResultRow naive = Race.row(Strategy.NAIVE, load, s, exact, flagged);
    assertThat(naive.balances().ledgerMismatches()).isEqualTo(2);
    assertThat(naive.balances().invariantViolations()).isZero();
    assertThat(naive.brokeInvariant()).isFalse();
  }
}
