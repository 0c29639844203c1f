package dev.racefree.lab.race;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.RetryPolicy;
import dev.racefree.lab.load.AccountChoice;
import dev.racefree.lab.load.LoadResult;
import dev.racefree.lab.load.Outcome;
import dev.racefree.lab.load.Tally;
import dev.racefree.lab.report.Progress;
import dev.racefree.lab.report.QuotaUse;
import dev.racefree.lab.report.ResultRow;
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
 * The quota strategies raced on an embedded PostgreSQL (fsync off: durability changes no outcome
 * here): naive read-check-write grants more than the cap, racefree's consume never does. Every
 * assertion is about counts, never about time.
 */
class QuotaRaceTest {

  private static final RetryPolicy RETRY = RetryPolicy.attempts(1);

  private static LabServer server;

  @BeforeAll
  static void start() throws Exception {
    server = SharedServer.get();
  }

  /**
   * Every client reads the usage and passes the check, then all wait for one another, then all
   * write.
   */
  private static Gap everyoneReadsBeforeAnyoneWrites(int clients) {
    CyclicBarrier barrier = new CyclicBarrier(clients);
    return barrier::await;
  }

  private static ResultRow race(
      Strategy strategy,
      int clients,
      long opsPerClient,
      AccountChoice counters,
      long cap,
      IntFunction<Gap> gap)
      throws Exception {
    RaceSettings settings =
        new RaceSettings(
            List.of(strategy), List.of(clients), opsPerClient, counters, 1, 0, cap, RETRY, gap);
    return Race.run(server, settings, Progress.NONE).getFirst();
  }

  private static QuotaUse quota(ResultRow row) {
    return Objects.requireNonNull(row.quota(), "a quota row says what its counters came to");
  }

  @Test
  void naive_read_check_write_grants_every_request_of_a_round_when_all_read_first()
      throws Exception {
    int clients = 8;
    long rounds = 4;
    long cap = 4;
    ResultRow naive =
        race(
            Strategy.NAIVE_QUOTA,
            clients,
            rounds,
            new AccountChoice(1, 0),
            cap,
            QuotaRaceTest::everyoneReadsBeforeAnyoneWrites);

    // In each round all 8 clients read the same usage, all find room for one more unit and all
    // write usage + 1: 8 units granted, the counter counts 1. After 4 rounds the counter says the
    // cap is reached, and 32 units were granted against a cap of 4.
    assertThat(naive.requests().errors()).isZero();
    assertThat(naive.requests().rejected()).isZero();
    assertThat(naive.requests().succeeded()).isEqualTo(clients * rounds);
    assertThat(quota(naive)).isEqualTo(new QuotaUse(cap, clients * rounds, rounds, 28));
    assertThat(naive.balances().lostUpdates())
        .as("units granted that the counter does not count")
        .isEqualTo(clients * rounds - rounds);
    assertThat(naive.balances().invariantViolations()).isEqualTo(1);
    assertThat(naive.brokeInvariant())
        .as("naive-quota is allowed to overrun: that is the demonstration")
        .isFalse();
  }

  @Test
  void racefree_grants_exactly_the_cap_to_a_burst_of_more_requests_than_the_cap() throws Exception {
    int clients = 32;
    long ops = 10;
    long cap = 100;
    ResultRow row = race(Strategy.QUOTA, clients, ops, new AccountChoice(1, 0), cap, c -> Gap.NONE);

    assertThat(row.requests().errors()).isZero();
    assertThat(row.requests().deadlocks()).isZero();
    assertThat(row.requests().succeeded()).isEqualTo(cap);
    assertThat(row.requests().rejected()).isEqualTo(clients * ops - cap);
    assertThat(quota(row)).isEqualTo(new QuotaUse(cap, cap, cap, 0));
    assertThat(row.balances().actualBalance()).as("nothing left below the cap").isZero();
    assertThat(row.balances().lostUpdates()).isZero();
    assertThat(row.balances().invariantViolations()).isZero();
    assertThat(row.brokeInvariant()).isFalse();
  }

  @Test
  void the_default_cap_is_half_the_requests_a_counter_gets_and_racefree_fills_it_exactly()
      throws Exception {
    int clients = 16;
    long ops = 12;
    ResultRow row = race(Strategy.QUOTA, clients, ops, new AccountChoice(1, 0), 0, c -> Gap.NONE);

    long cap = clients * ops / 2;
    assertThat(quota(row)).isEqualTo(new QuotaUse(cap, cap, cap, 0));
    assertThat(row.requests().rejected()).isEqualTo(clients * ops - cap);
    assertThat(row.brokeInvariant()).isFalse();
  }

  @Test
  void racefree_keeps_every_counters_cap_across_skewed_counters() throws Exception {
    long cap = 10;
    ResultRow row = race(Strategy.QUOTA, 8, 40, new AccountChoice(10, 1.2), cap, c -> Gap.NONE);

    assertThat(row.run().accounts()).isEqualTo(10);
    assertThat(row.requests().errors()).isZero();
    assertThat(row.requests().succeeded() + row.requests().rejected()).isEqualTo(320);
    assertThat(row.requests().succeeded()).isLessThanOrEqualTo(10 * cap);
    assertThat(quota(row).overrun()).isZero();
    assertThat(quota(row).counted()).isEqualTo(quota(row).consumed());
    assertThat(row.balances().invariantViolations())
        .as("no counter granted more than its cap or counts other than what it granted")
        .isZero();
    assertThat(row.brokeInvariant()).isFalse();
  }

  @Test
  void a_counter_over_its_cap_or_miscounted_breaks_racefrees_guarantee_and_only_shows_for_naive() {
    Tally tally = new Tally(2);
    for (int i = 0; i < 3; i++) {
      tally.record(0, Outcome.SUCCEEDED); // 3 granted against a cap of 2: 1 over
    }
    tally.record(1, Outcome.SUCCEEDED); // 1 granted, counted 0: a count lost
    LoadResult load = new LoadResult(1, 1, tally);
    long[] counted = {2, 0};

    ResultRow quota = QuotaRace.row(Strategy.QUOTA, load, 2, counted);
    assertThat(quota.quota()).isEqualTo(new QuotaUse(2, 4, 2, 1));
    assertThat(quota.balances().expectedBalance()).isEqualTo(2 * 2 - 4);
    assertThat(quota.balances().actualBalance()).isEqualTo(2 * 2 - 2);
    assertThat(quota.balances().invariantViolations()).isEqualTo(2);
    assertThat(quota.brokeInvariant()).isTrue();

    ResultRow naive = QuotaRace.row(Strategy.NAIVE_QUOTA, load, 2, counted);
    assertThat(naive.balances().invariantViolations()).isEqualTo(2);
    assertThat(naive.brokeInvariant()).isFalse();

    ResultRow exact = QuotaRace.row(Strategy.QUOTA, load, 5, new long[] {3, 1});
    assertThat(exact.quota()).isEqualTo(new QuotaUse(5, 4, 4, 0));
    assertThat(exact.balances().exact()).isTrue();
    assertThat(exact.brokeInvariant()).isFalse();
  }

  @Test
  void the_cli_names_the_quota_strategies_with_a_dash() {
    assertThat(Strategy.NAIVE_QUOTA.label()).isEqualTo("naive-quota");
    assertThat(Strategy.of("naive-quota")).isEqualTo(Strategy.NAIVE_QUOTA);
    assertThat(Strategy.of("QUOTA")).isEqualTo(Strategy.QUOTA);
    assertThat(Strategy.of("naive_quota")).isEqualTo(Strategy.NAIVE_QUOTA);
  }
}
