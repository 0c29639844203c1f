package dev.racefree.lab.race;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.RetryPolicy;
import dev.racefree.lab.load.AccountChoice;
import dev.racefree.lab.load.LoadResult;
import dev.racefree.lab.load.Outcome;
import dev.racefree.lab.load.Tally;
import dev.racefree.lab.report.Progress;
import dev.racefree.lab.report.ResultRow;
import dev.racefree.lab.report.VelocityUse;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.SharedServer;
import dev.racefree.lab.strategies.Gap;
import dev.racefree.lab.strategies.Strategy;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CyclicBarrier;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The velocity strategies raced on an embedded PostgreSQL (fsync off: durability changes no outcome
 * here): naive read-check-write lets the day's debits take more than the daily limit, racefree's
 * debit never does. Every assertion is about amounts and counts, never about time.
 */
class VelocityRaceTest {

  private static final RetryPolicy RETRY = RetryPolicy.attempts(1);
  private static final long FUNDS = 1_000_000;

  private static LabServer server;

  @BeforeAll
  static void start() throws Exception {
    server = SharedServer.get();
  }

  /** Every client sums the day's debits and finds room, then all wait, then all debit. */
  private static Gap everyoneReadsBeforeAnyoneWrites(int clients) {
    CyclicBarrier barrier = new CyclicBarrier(clients);
    return barrier::await;
  }

  private static ResultRow race(
      Strategy strategy,
      int clients,
      long opsPerClient,
      AccountChoice accounts,
      long amount,
      long limit,
      IntFunction<Gap> gap)
      throws Exception {
    RaceSettings settings =
        new RaceSettings(
            List.of(strategy),
            List.of(clients),
            opsPerClient,
            accounts,
            amount,
            FUNDS,
            limit,
            RETRY,
            gap);
    return Race.run(server, settings, Progress.NONE).getFirst();
  }

  private static VelocityUse velocity(ResultRow row) {
    return Objects.requireNonNull(row.velocity(), "a velocity row says what its limits came to");
  }

  @Test
  void naive_read_check_write_passes_the_daily_limit_when_every_client_reads_first()
      throws Exception {
    int clients = 8;
    ResultRow naive =
        race(
            Strategy.NAIVE_VELOCITY,
            clients,
            1,
            new AccountChoice(1, 0),
            25,
            100,
            VelocityRaceTest::everyoneReadsBeforeAnyoneWrites);

    // Each client sums 0 spent today, finds room for 25 under 100, and debits: 8 debits take 200
    // against a limit of 100. The debits are racefree's, so the balance and the ledger are exact:
    // only the limit was passed.
    assertThat(naive.requests().errors()).isZero();
    assertThat(naive.requests().rejected()).isZero();
    assertThat(naive.requests().succeeded()).isEqualTo(clients);
    assertThat(velocity(naive)).isEqualTo(new VelocityUse(100, 200, 200, 100));
    assertThat(naive.balances().actualBalance()).isEqualTo(FUNDS - 200);
    assertThat(naive.balances().lostUpdates()).isZero();
    assertThat(naive.balances().ledgerMismatches()).isZero();
    assertThat(naive.balances().invariantViolations()).isEqualTo(1);
    assertThat(naive.brokeInvariant())
        .as("naive-velocity is allowed to overrun: that is the demonstration")
        .isFalse();
  }

  @Test
  void racefree_takes_exactly_what_the_daily_limit_allows_from_a_burst_asking_for_more()
      throws Exception {
    int clients = 32;
    long ops = 10;
    ResultRow row =
        race(Strategy.VELOCITY, clients, ops, new AccountChoice(1, 0), 3, 301, c -> Gap.NONE);

    // 320 debits of 3 ask for 960; a limit of 301 fits 100 of them, and the 1 left fits none.
    assertThat(row.requests().errors()).isZero();
    assertThat(row.requests().deadlocks()).isZero();
    assertThat(row.requests().succeeded()).isEqualTo(100);
    assertThat(row.requests().rejected()).isEqualTo(clients * ops - 100);
    assertThat(velocity(row)).isEqualTo(new VelocityUse(301, 300, 300, 0));
    assertThat(row.balances().actualBalance()).isEqualTo(FUNDS - 300);
    assertThat(row.balances().exact()).isTrue();
    assertThat(row.balances().ledgerMismatches()).isZero();
    assertThat(row.brokeInvariant()).isFalse();
  }

  @Test
  void racefree_keeps_every_accounts_limit_across_skewed_accounts() throws Exception {
    ResultRow row =
        race(Strategy.VELOCITY, 8, 40, new AccountChoice(10, 1.2), 5, 50, c -> Gap.NONE);

    VelocityUse use = velocity(row);
    assertThat(row.run().accounts()).isEqualTo(10);
    assertThat(row.requests().errors()).isZero();
    assertThat(row.requests().succeeded() + row.requests().rejected()).isEqualTo(320);
    assertThat(use.spent()).isEqualTo(5 * row.requests().succeeded()).isLessThanOrEqualTo(10 * 50);
    assertThat(use.counted()).isEqualTo(use.spent());
    assertThat(use.overrun()).isZero();
    assertThat(row.balances().invariantViolations())
        .as("no account spent more than its limit or counts other than what it spent")
        .isZero();
    assertThat(row.brokeInvariant()).isFalse();
  }

  @Test
  void
      an_account_over_its_limit_or_miscounted_breaks_racefrees_guarantee_and_only_shows_for_naive() {
    Tally tally = new Tally(2);
    for (int i = 0; i < 3; i++) {
      tally.record(0, Outcome.SUCCEEDED); // account 0: 3 debits of 10 against a limit of 20
    }
    tally.record(1, Outcome.SUCCEEDED); // account 1: 1 debit of 10, counted as 0
    LoadResult load = new LoadResult(1, 1, tally);
    long[] actual = {100 - 30, 100 - 10};
    long[] counted = {30, 0};
    boolean[] clean = {false, false};

    ResultRow over = VelocityRace.row(Strategy.VELOCITY, load, 100, 10, 20, actual, counted, clean);
    assertThat(over.velocity()).isEqualTo(new VelocityUse(20, 40, 30, 10));
    assertThat(over.balances().lostUpdates()).as("the balances themselves are right").isZero();
    assertThat(over.balances().invariantViolations()).isEqualTo(2);
    assertThat(over.brokeInvariant()).isTrue();

    ResultRow naive =
        VelocityRace.row(Strategy.NAIVE_VELOCITY, load, 100, 10, 20, actual, counted, clean);
    assertThat(naive.balances().invariantViolations()).isEqualTo(2);
    assertThat(naive.brokeInvariant()).isFalse();

    ResultRow exact =
        VelocityRace.row(Strategy.VELOCITY, load, 100, 10, 30, actual, new long[] {30, 10}, clean);
    assertThat(exact.velocity()).isEqualTo(new VelocityUse(30, 40, 40, 0));
    assertThat(exact.balances().exact()).isTrue();
    assertThat(exact.brokeInvariant()).isFalse();

    ResultRow audited =
        VelocityRace.row(
            Strategy.VELOCITY,
            load,
            100,
            10,
            30,
            actual,
            new long[] {30, 10},
            new boolean[] {true, false});
    assertThat(audited.balances().ledgerMismatches()).isEqualTo(1);
    assertThat(audited.brokeInvariant()).as("verify() flagged one of the run's accounts").isTrue();
  }

  @Test
  void the_daily_limit_defaults_to_half_what_an_accounts_debits_ask_for() {
    RaceSettings s =
        new RaceSettings(
            List.of(Strategy.VELOCITY),
            List.of(32, 1),
            50,
            new AccountChoice(1, 0),
            3,
            FUNDS,
            0,
            RETRY,
            c -> Gap.NONE);
    assertThat(s.limitAt(32)).isEqualTo(3 * 800);
    assertThat(s.limitAt(1)).isEqualTo(3 * 25);
    assertThat(s.velocities()).isTrue();
    assertThat(s.quotas()).isFalse();
  }

  @Test
  void the_cli_names_the_velocity_strategies_with_a_dash() {
    assertThat(Strategy.NAIVE_VELOCITY.label()).isEqualTo("naive-velocity");
    assertThat(Strategy.of("naive_velocity")).isEqualTo(Strategy.NAIVE_VELOCITY);
    assertThat(Strategy.of("VELOCITY")).isEqualTo(Strategy.VELOCITY);
    assertThat(Strategy.VELOCITY.velocity()).isTrue();
    assertThat(Strategy.VELOCITY.racefree()).isTrue();
    assertThat(Strategy.NAIVE_VELOCITY.racefree()).isFalse();
    assertThat(Strategy.VELOCITY.debit()).isFalse();
    assertThat(Strategy.VELOCITY.quota()).isFalse();
    assertThat(Strategy.VELOCITY.code()).isFalse();
  }
}
