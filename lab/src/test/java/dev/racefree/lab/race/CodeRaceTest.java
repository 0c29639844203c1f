package dev.racefree.lab.race;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.CodeRules;
import dev.racefree.RetryPolicy;
import dev.racefree.lab.load.AccountChoice;
import dev.racefree.lab.load.LabCodes;
import dev.racefree.lab.load.LoadResult;
import dev.racefree.lab.load.Outcome;
import dev.racefree.lab.load.Tally;
import dev.racefree.lab.report.CodeUse;
import dev.racefree.lab.report.Progress;
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
 * The code strategies raced on an embedded PostgreSQL (fsync off: durability changes no outcome
 * here): naive read-check-write redeems a code more often than its total cap and its cap per
 * redeemer allow, racefree's redeem never does. Every assertion is about counts, never about time.
 */
class CodeRaceTest {

  private static final RetryPolicy RETRY = RetryPolicy.attempts(1);

  private static LabServer server;

  @BeforeAll
  static void start() throws Exception {
    server = SharedServer.get();
  }

  /** Every client reads the counts and passes the checks, then all wait, then all write. */
  private static Gap everyoneReadsBeforeAnyoneWrites(int clients) {
    CyclicBarrier barrier = new CyclicBarrier(clients);
    return barrier::await;
  }

  private static ResultRow race(
      Strategy strategy,
      int clients,
      long opsPerClient,
      AccountChoice codes,
      long cap,
      long perRedeemer,
      int redeemers,
      IntFunction<Gap> gap)
      throws Exception {
    RaceSettings settings =
        new RaceSettings(
            List.of(strategy),
            List.of(clients),
            opsPerClient,
            codes,
            1,
            0,
            cap,
            perRedeemer,
            redeemers,
            RETRY,
            gap);
    return Race.run(server, settings, Progress.NONE).getFirst();
  }

  private static CodeUse code(ResultRow row) {
    return Objects.requireNonNull(row.code(), "a code row says what its codes came to");
  }

  @Test
  void naive_read_check_write_passes_both_caps_when_every_client_reads_first() throws Exception {
    int clients = 8;
    long cap = 4;
    long perRedeemer = 2;
    ResultRow naive =
        race(
            Strategy.NAIVE_CODE,
            clients,
            1,
            new AccountChoice(1, 0),
            cap,
            perRedeemer,
            1,
            CodeRaceTest::everyoneReadsBeforeAnyoneWrites);

    // All 8 requests come from one redeemer. Each client reads uses 0 and a count of 0, finds room
    // under both caps, and writes uses = 1 and a redemption row: 8 redeemed against a cap of 4 and
    // a cap of 2 for that redeemer, 8 rows, and uses counts 1.
    assertThat(naive.requests().errors()).isZero();
    assertThat(naive.requests().rejected()).isZero();
    assertThat(naive.requests().succeeded()).isEqualTo(clients);
    assertThat(code(naive)).isEqualTo(new CodeUse(cap, perRedeemer, 1, 8, 8, 1, 4, 1, 0, 0, 1));
    assertThat(naive.balances().lostUpdates())
        .as("redemptions granted that the code's uses do not count")
        .isEqualTo(clients - 1);
    assertThat(naive.balances().invariantViolations()).isEqualTo(1);
    assertThat(naive.brokeInvariant())
        .as("naive-code is allowed to overrun: that is the demonstration")
        .isFalse();
  }

  @Test
  void naive_passes_the_cap_per_redeemer_of_some_redeemer_among_several() throws Exception {
    int clients = 8;
    int redeemers = 4;
    ResultRow naive =
        race(
            Strategy.NAIVE_CODE,
            clients,
            1,
            new AccountChoice(1, 0),
            4,
            1,
            redeemers,
            CodeRaceTest::everyoneReadsBeforeAnyoneWrites);

    // 8 requests from 4 redeemers: at least one redeemer sent two, and each was granted, against a
    // cap of 1 per redeemer.
    CodeUse use = code(naive);
    assertThat(naive.requests().errors()).isZero();
    assertThat(use.redeemed()).isEqualTo(clients);
    assertThat(use.rows()).isEqualTo(clients);
    assertThat(use.uses()).isEqualTo(1);
    assertThat(use.overrun()).isEqualTo(4);
    assertThat(use.redeemersOver()).isBetween(1L, (long) redeemers);
    assertThat(use.audited()).isEqualTo(1);
    assertThat(naive.brokeInvariant()).isFalse();
  }

  @Test
  void racefree_grants_exactly_the_cap_to_a_burst_from_few_redeemers() throws Exception {
    int clients = 32;
    long ops = 10;
    long cap = 100;
    ResultRow row =
        race(Strategy.CODE, clients, ops, new AccountChoice(1, 0), cap, 0, 8, c -> Gap.NONE);

    // The default cap per redeemer is 2 x 100 / 8 = 25: the 8 redeemers' caps add up to 200, and
    // the 320 requests, drawn Zipf-distributed, reach more than 100 of them, so the code's cap is
    // what ends the run.
    CodeUse use = code(row);
    assertThat(row.requests().errors()).isZero();
    assertThat(row.requests().deadlocks()).isZero();
    assertThat(use.perRedeemer()).isEqualTo(25);
    assertThat(use.redeemed()).isEqualTo(cap);
    assertThat(use.rows()).isEqualTo(cap);
    assertThat(use.uses()).isEqualTo(cap);
    assertThat(use.overrun()).isZero();
    assertThat(use.redeemersOver()).isZero();
    assertThat(use.audited()).isZero();
    assertThat(use.exhausted() + use.atLimit()).isEqualTo(clients * ops - cap);
    assertThat(row.requests().rejected()).isEqualTo(clients * ops - cap);
    assertThat(row.balances().actualBalance()).as("no use left").isZero();
    assertThat(row.balances().invariantViolations()).isZero();
    assertThat(row.brokeInvariant()).isFalse();
  }

  @Test
  void racefree_grants_one_redeemer_exactly_its_cap() throws Exception {
    int clients = 16;
    long ops = 10;
    ResultRow row =
        race(Strategy.CODE, clients, ops, new AccountChoice(1, 0), 100, 30, 1, c -> Gap.NONE);

    assertThat(row.requests().errors()).isZero();
    assertThat(code(row)).isEqualTo(new CodeUse(100, 30, 1, 30, 30, 30, 0, 0, 0, 130, 0));
    assertThat(row.brokeInvariant()).isFalse();
  }

  @Test
  void racefree_keeps_both_caps_of_every_code_across_skewed_codes() throws Exception {
    ResultRow row = race(Strategy.CODE, 8, 40, new AccountChoice(10, 1.2), 10, 3, 4, c -> Gap.NONE);

    CodeUse use = code(row);
    assertThat(row.run().accounts()).isEqualTo(10);
    assertThat(row.requests().errors()).isZero();
    assertThat(row.requests().succeeded() + row.requests().rejected()).isEqualTo(320);
    assertThat(use.redeemed()).isLessThanOrEqualTo(10 * 10);
    assertThat(use.overrun()).isZero();
    assertThat(use.redeemersOver()).isZero();
    assertThat(use.rows()).isEqualTo(use.redeemed());
    assertThat(use.uses()).isEqualTo(use.redeemed());
    assertThat(use.exhausted() + use.atLimit()).isEqualTo(row.requests().rejected());
    assertThat(row.balances().invariantViolations())
        .as("no code granted more than either cap or counts other than what it granted")
        .isZero();
    assertThat(row.brokeInvariant()).isFalse();
  }

  @Test
  void a_code_over_a_cap_or_miscounted_breaks_racefrees_guarantee_and_only_shows_for_naive() {
    Tally tally = new Tally(2);
    for (int i = 0; i < 3; i++) {
      tally.record(0, Outcome.SUCCEEDED); // code 0: 3 granted, 2 to redeemer 0 (cap 1)
    }
    tally.record(1, Outcome.SUCCEEDED); // code 1: 1 granted, counted by no row
    LoadResult load = new LoadResult(1, 1, tally);
    CodeRules rules = CodeRules.uses(2).perRedeemer(1);
    LabCodes.Told told = new LabCodes.Told(new long[][] {{2, 1}, {0, 1}}, 5, 7);
    LabCodes.Stored stored = new LabCodes.Stored(new long[] {2, 1}, new long[][] {{2, 1}, {0, 0}});
    boolean[] clean = {false, false};

    ResultRow code = CodeRace.row(Strategy.CODE, load, rules, 2, told, stored, clean);
    assertThat(code.code()).isEqualTo(new CodeUse(2, 1, 2, 4, 3, 3, 1, 1, 5, 7, 0));
    assertThat(code.balances().expectedBalance()).isEqualTo(2 * 2 - 4);
    assertThat(code.balances().actualBalance()).isEqualTo(2 * 2 - 3);
    assertThat(code.balances().invariantViolations()).isEqualTo(2);
    assertThat(code.brokeInvariant()).isTrue();

    ResultRow naive = CodeRace.row(Strategy.NAIVE_CODE, load, rules, 2, told, stored, clean);
    assertThat(naive.balances().invariantViolations()).isEqualTo(2);
    assertThat(naive.brokeInvariant()).isFalse();

    CodeRules roomy = CodeRules.uses(5).perRedeemer(2);
    LabCodes.Told exactTold = new LabCodes.Told(new long[][] {{2, 1}, {0, 1}}, 0, 0);
    LabCodes.Stored exactStored =
        new LabCodes.Stored(new long[] {3, 1}, new long[][] {{2, 1}, {0, 1}});
    ResultRow exact = CodeRace.row(Strategy.CODE, load, roomy, 2, exactTold, exactStored, clean);
    assertThat(exact.code()).isEqualTo(new CodeUse(5, 2, 2, 4, 4, 4, 0, 0, 0, 0, 0));
    assertThat(exact.balances().exact()).isTrue();
    assertThat(exact.brokeInvariant()).isFalse();

    ResultRow audited =
        CodeRace.row(
            Strategy.CODE, load, roomy, 2, exactTold, exactStored, new boolean[] {false, true});
    assertThat(Objects.requireNonNull(audited.code()).audited()).isEqualTo(1);
    assertThat(audited.brokeInvariant()).as("verify() flagged one of the run's codes").isTrue();
  }

  @Test
  void the_cap_per_redeemer_defaults_to_twice_the_cap_shared_and_never_passes_the_cap() {
    RaceSettings s =
        new RaceSettings(
            List.of(Strategy.CODE),
            List.of(32, 1),
            50,
            new AccountChoice(1, 0),
            1,
            0,
            0,
            0,
            8,
            RETRY,
            c -> Gap.NONE);
    assertThat(s.capAt(32)).isEqualTo(800);
    assertThat(s.perRedeemerAt(32)).isEqualTo(200);
    assertThat(s.capAt(1)).isEqualTo(25);
    assertThat(s.perRedeemerAt(1)).isEqualTo(6);

    RaceSettings one =
        new RaceSettings(
            List.of(Strategy.CODE),
            List.of(4),
            1,
            new AccountChoice(1, 0),
            1,
            0,
            0,
            0,
            1,
            RETRY,
            c -> Gap.NONE);
    assertThat(one.perRedeemerAt(4)).as("at most the code's cap").isEqualTo(2);

    assertThatThrownBy(() ->
            new RaceSettings(
                List.of(Strategy.CODE),
                List.of(4),
                1,
                new AccountChoice(1, 0),
                1,
                0,
                10,
                11,
                8,
                RETRY,
                c -> Gap.NONE))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cap per redeemer");
  }

  @Test
  void redeemers_are_drawn_the_same_every_run_the_first_most_often() {
    int[] first = draws(LabCodes.create(server.admin(), "draws", 1, CodeRules.uses(1), 8));
    int[] second = draws(LabCodes.create(server.admin(), "draws", 1, CodeRules.uses(1), 8));

    assertThat(second).isEqualTo(first);
    assertThat(
            first[0] + first[1] + first[2] + first[3] + first[4] + first[5] + first[6] + first[7])
        .isEqualTo(8_000);
    // Zipf with s = 1: redeemer k is drawn 1/k as often as the first (8 times the last, here).
    assertThat(first[0]).isGreaterThan(4 * first[7]);
    assertThat(first[0]).isGreaterThan(first[1]);
    assertThat(first[7]).isPositive();
  }

  private static int[] draws(LabCodes codes) {
    int[] counts = new int[codes.redeemers()];
    for (int n = 0; n < 8_000; n++) {
      counts[codes.nextRedeemer()]++;
    }
    return counts;
  }

  @Test
  void the_cli_names_the_code_strategies_with_a_dash() {
    assertThat(Strategy.NAIVE_CODE.label()).isEqualTo("naive-code");
    assertThat(Strategy.of("naive_code")).isEqualTo(Strategy.NAIVE_CODE);
    assertThat(Strategy.of("CODE")).isEqualTo(Strategy.CODE);
    assertThat(Strategy.CODE.code()).isTrue();
    assertThat(Strategy.CODE.quota()).isFalse();
    assertThat(Strategy.CODE.debit()).isFalse();
    assertThat(LabCodes.redeemer(0)).isEqualTo("redeemer-1");
  }
}
