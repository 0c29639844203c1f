package dev.racefree.test;

import static dev.racefree.test.KitDatabase.balance;
import static dev.racefree.test.KitDatabase.count;
import static dev.racefree.test.KitDatabase.reset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.result.Debited;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The kit proves itself on statement-level interleavings: every naive read-check-write is caught,
 * with the plainest schedule that breaks it, and every fix holds in every schedule.
 */
class InterleavingsTest {

  static final long ID = 1;

  final Interleavings races = Interleavings.on(KitDatabase.dataSource());
  final Naive naive = new Naive(races.dataSource());

  /** The balance moved by exactly what succeeded, and never below zero. */
  static Invariant balanceMovedBySuccesses(long start, long amount) {
    return o -> {
      long paid = o.count(Boolean.TRUE::equals);
      assertThat(balance(ID))
          .as("balance after %s successes", paid)
          .isEqualTo(start - paid * amount);
    };
  }

  @Test
  void a_naive_debit_is_caught_and_its_minimal_schedule_is_read_read_write_write()
      throws Exception {
    // tag::interleavings[]
    Exploration e =
        races
            .of(() -> naive.debit(ID, 100), () -> naive.debit(ID, 100))
            .setup(() -> reset(ID, 100))
            .invariant(balanceMovedBySuccesses(100, 100))
            .exhaustively();
    // end::interleavings[]
    assertThat(e.complete()).isTrue();
    assertThat(e.failed()).isTrue();
    ScheduleFailure minimal = e.minimalFailure().orElseThrow();
    System.out.println("[racefree-test] naive debit: " + e + "\n" + minimal.describe());
    assertThat(minimal.schedule().verbsWithoutCommits())
        .containsExactly("SELECT", "SELECT", "UPDATE", "UPDATE");
    assertThat(minimal.schedule().steps().get(0).binds()).containsExactly(ID);
    assertThatThrownBy(e::assertHolds)
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("select balance from kit_accounts where id = ? [1]")
        .hasMessageContaining("replay");
  }

  @Test
  void a_failing_schedule_replays_to_the_same_steps_and_the_same_failure() throws Exception {
    Interleavings.Plan plan =
        races
            .of(() -> naive.debit(ID, 100), () -> naive.debit(ID, 100))
            .setup(() -> reset(ID, 100))
            .invariant(balanceMovedBySuccesses(100, 100));
    ScheduleFailure minimal = plan.exhaustively().minimalFailure().orElseThrow();
    Exploration again = plan.replay(minimal.schedule().replay());
    assertThat(again.failures())
        .singleElement()
        .satisfies(f -> {
          assertThat(f.schedule()).isEqualTo(minimal.schedule());
          assertThat(f.outcomes().values()).isEqualTo(minimal.outcomes().values());
        });
  }

  @Test
  void a_random_exploration_catches_the_naive_debit_and_its_seed_replays_exactly()
      throws Exception {
    Interleavings.Plan plan =
        races
            .of(() -> naive.debit(ID, 100), () -> naive.debit(ID, 100))
            .setup(() -> reset(ID, 100))
            .invariant(balanceMovedBySuccesses(100, 100));
    Exploration random = plan.randomly(20_260_101L, 30);
    assertThat(random.failed()).isTrue();
    ScheduleFailure first = random.failures().get(0);
    assertThat(first.seed()).isNotNull();
    Exploration replayed = plan.replaySeed(first.seed());
    assertThat(replayed.failures())
        .singleElement()
        .satisfies(f -> assertThat(f.schedule()).isEqualTo(first.schedule()));
  }

  @Test
  void the_conditional_update_holds_in_every_interleaving() throws Exception {
    Exploration e =
        races
            .of(() -> naive.debitConditionally(ID, 100), () -> naive.debitConditionally(ID, 100))
            .setup(() -> reset(ID, 100))
            .invariant(
                balanceMovedBySuccesses(100, 100)
                    .and(Invariants.atMostOneSuccess(Boolean.TRUE::equals)))
            .exhaustively();
    e.assertHolds();
    assertThat(e.complete()).isTrue();
  }

  @Test
  void racefree_debits_hold_in_every_interleaving_and_verify_clean() throws Exception {
    DataSource db = races.dataSource();
    Racefree rf = KitDatabase.racefree(db);
    long[] account = new long[1];
    Exploration e =
        races
            .of(
                () -> rf.accounts().debit(account[0], 100),
                () ->
                    rf.accounts()
                        .debit(account[0], 100, IdempotencyKey.of("kit", "pay-" + account[0])))
            .setup(() -> {
              Racefree plain = KitDatabase.racefree(KitDatabase.dataSource());
              account[0] = plain.accounts().open("kit-" + System.nanoTime(), "EUR");
              plain.accounts().credit(account[0], 100);
            })
            .invariant(
                Invariants.atMostOneSuccess(r -> r instanceof Debited)
                    .and(Invariants.racefreeClean(KitDatabase.racefree(KitDatabase.dataSource())))
                    .and(
                        Invariants.moneyConservedPerCurrency(
                            KitDatabase.racefree(KitDatabase.dataSource()))))
            .exhaustively();
    e.assertHolds();
    assertThat(e.schedulesRun()).isGreaterThan(1);
  }

  @Test
  void a_naive_coupon_redemption_is_caught_and_the_conditional_one_holds() throws Exception {
    Invariant once = Invariants.atMostOneSuccess(Boolean.TRUE::equals);
    Exploration naiveRun =
        races
            .of(
                () -> naive.redeemCoupon("WELCOME", "alice"),
                () -> naive.redeemCoupon("WELCOME", "bob"))
            .setup(() -> reset(ID, 0))
            .invariant(once)
            .exhaustively();
    assertThat(naiveRun.minimalFailure().orElseThrow().schedule().verbsWithoutCommits())
        .containsExactly("SELECT", "SELECT", "UPDATE", "UPDATE");
    races
        .of(
            () -> naive.redeemCouponConditionally("WELCOME", "alice"),
            () -> naive.redeemCouponConditionally("WELCOME", "bob"))
        .setup(() -> reset(ID, 0))
        .invariant(once)
        .exhaustively()
        .assertHolds();
  }

  @Test
  void a_naive_seat_booking_is_caught_and_locking_the_seat_holds() throws Exception {
    Invariant oneBooking =
        Invariants.noRows(
            KitDatabase.dataSource(),
            "select seat, count(*) from kit_bookings group by seat having count(*) > 1");
    Exploration naiveRun =
        races
            .of(() -> naive.book("12A", "alice"), () -> naive.book("12A", "bob"))
            .setup(() -> reset(ID, 0))
            .invariant(oneBooking)
            .exhaustively();
    assertThat(naiveRun.minimalFailure().orElseThrow().schedule().verbsWithoutCommits())
        .containsExactly("SELECT", "SELECT", "INSERT", "INSERT");
    Exploration locked =
        races
            .of(
                () -> naive.bookLockingTheSeat("12A", "alice"),
                () -> naive.bookLockingTheSeat("12A", "bob"))
            .setup(() -> reset(ID, 0))
            .invariant(
                oneBooking.and(o -> assertThat(count("select count(*) from kit_bookings")).isOne()))
            .exhaustively();
    locked.assertHolds();
    assertThat(locked.complete()).isTrue();
  }

  @Test
  void a_version_taken_from_the_request_and_ignored_is_caught() throws Exception {
    Invariant onePerVersion = Invariants.atMostOneSuccess(Boolean.TRUE::equals);
    Exploration mistake =
        races
            .of(
                () -> naive.renameIgnoringVersion(1, 0, "grace"),
                () -> naive.renameIgnoringVersion(1, 0, "linus"))
            .setup(() -> reset(ID, 0))
            .invariant(onePerVersion)
            .exhaustively();
    assertThat(mistake.failed()).isTrue();
    races
        .of(
            () -> naive.renameCheckingVersion(1, 0, "grace"),
            () -> naive.renameCheckingVersion(1, 0, "linus"))
        .setup(() -> reset(ID, 0))
        .invariant(onePerVersion)
        .exhaustively()
        .assertHolds();
  }

  @Test
  void three_sessions_explore_randomly_and_catch_a_debit_of_two_thirds() throws Exception {
    Exploration e =
        races
            .of(() -> naive.debit(ID, 100), () -> naive.debit(ID, 100), () -> naive.debit(ID, 100))
            .setup(() -> reset(ID, 200))
            .invariant(balanceMovedBySuccesses(200, 100))
            .randomly(7, 20);
    assertThat(e.failed()).isTrue();
    assertThat(e.distinctSchedules()).isGreaterThan(1);
  }

  @Test
  void sessions_that_deadlock_one_another_are_left_to_postgresql_to_decide() throws Exception {
    Exploration e =
        races
            .of(() -> lockBoth(races.dataSource(), 1, 2), () -> lockBoth(races.dataSource(), 2, 1))
            .setup(() ->
                KitDatabase.execute(
                    KitDatabase.dataSource(),
                    "truncate kit_accounts",
                    "insert into kit_accounts values (1, 0), (2, 0)"))
            .invariant(o -> assertThat(o.errors()).singleElement().asString().contains("deadlock"))
            .replay("1 2 1 2");
    e.assertHolds();
    assertThat(e.failures()).isEmpty();
  }

  private static boolean lockBoth(DataSource db, long first, long second) throws Exception {
    try (var c = db.getConnection()) {
      c.setAutoCommit(false);
      try (var s = c.createStatement()) {
        s.executeUpdate("update kit_accounts set balance = balance + 1 where id = " + first);
        s.executeUpdate("update kit_accounts set balance = balance + 1 where id = " + second);
      }
      c.commit();
      return true;
    }
  }
}
