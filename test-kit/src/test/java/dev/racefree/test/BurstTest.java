package dev.racefree.test;

import static dev.racefree.test.KitDatabase.balance;
import static dev.racefree.test.KitDatabase.count;
import static dev.racefree.test.KitDatabase.reset;
import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.result.Debited;
import dev.racefree.result.InsufficientFunds;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The kit proves itself with bursts: copies released at once catch every naive read-check-write
 * within a few rounds, and every fix holds in every round.
 */
class BurstTest {

  static final long ID = 1;
  static final int COPIES = 32;
  static final int ROUNDS = 30;

  final Naive naive = new Naive(KitDatabase.dataSource());

  @Test
  void a_burst_returns_every_outcome_values_and_exceptions_in_copy_order() {
    Outcomes<Integer> o =
        Races.burst(
            8,
            Races.Threads.VIRTUAL,
            Duration.ofSeconds(30),
            i -> {
              if (i % 2 == 1) {
                throw new IllegalStateException("odd " + i);
              }
              return i;
            });
    assertThat(o.size()).isEqualTo(8);
    assertThat(o.values()).containsExactly(0, 2, 4, 6);
    assertThat(o.countThrown(IllegalStateException.class)).isEqualTo(4);
    assertThat(o.all().get(3)).isInstanceOf(Outcome.Threw.class);
    assertThat(o.all().get(3).index()).isEqualTo(3);
    assertThat(o.byType())
        .containsEntry("Integer", 4L)
        .containsEntry("threw IllegalStateException", 4L);
  }

  @Test
  void bursts_catch_the_naive_debit_and_the_conditional_update_holds() throws Exception {
    Invariant paidOnce = Invariants.atMostOneSuccess(Boolean.TRUE::equals);
    // tag::burst[]
    Optional<BrokenRound> broken =
        Races.untilBroken(
            ROUNDS,
            round -> {
              reset(ID, 100);
              Outcomes<Boolean> o = Races.burst(COPIES, i -> naive.debit(ID, 100));
              paidOnce.check(o); // 100 paid out once at most
            });
    // end::burst[]
    assertThat(broken).as("a naive debit survived %s bursts", ROUNDS).isPresent();
    System.out.println(
        "[racefree-test] naive debit broken by burst round "
            + broken.get().round()
            + ": "
            + broken.get().failure().getMessage());
    assertThat(
            Races.untilBroken(
                5,
                round -> {
                  reset(ID, 100);
                  Outcomes<Boolean> o = Races.burst(COPIES, i -> naive.debitConditionally(ID, 100));
                  paidOnce.check(o);
                  assertThat(balance(ID)).isEqualTo(100 - 100 * o.count(Boolean.TRUE::equals));
                }))
        .isEmpty();
  }

  @Test
  void bursts_catch_the_naive_coupon_and_the_conditional_one_holds() throws Exception {
    Invariant once = Invariants.atMostOneSuccess(Boolean.TRUE::equals);
    assertThat(
            Races.untilBroken(
                ROUNDS,
                round -> {
                  reset(ID, 0);
                  once.check(Races.burst(COPIES, i -> naive.redeemCoupon("WELCOME", "c" + i)));
                }))
        .isPresent();
    assertThat(
            Races.untilBroken(
                5,
                round -> {
                  reset(ID, 0);
                  once.check(
                      Races.burst(
                          COPIES, i -> naive.redeemCouponConditionally("WELCOME", "c" + i)));
                }))
        .isEmpty();
  }

  @Test
  void bursts_catch_the_naive_seat_booking_and_locking_the_seat_holds() throws Exception {
    Invariant oneBooking =
        Invariants.noRows(
            KitDatabase.dataSource(),
            "select seat, count(*) from kit_bookings group by seat having count(*) > 1");
    assertThat(
            Races.untilBroken(
                ROUNDS,
                round -> {
                  reset(ID, 0);
                  oneBooking.check(Races.burst(COPIES, i -> naive.book("12A", "c" + i)));
                }))
        .isPresent();
    assertThat(
            Races.untilBroken(
                5,
                round -> {
                  reset(ID, 0);
                  Outcomes<Boolean> o =
                      Races.burst(COPIES, i -> naive.bookLockingTheSeat("12A", "c" + i));
                  oneBooking.check(o);
                  assertThat(count("select count(*) from kit_bookings")).isOne();
                }))
        .isEmpty();
  }

  @Test
  void bursts_catch_the_ignored_request_version_and_the_checked_one_holds() throws Exception {
    Invariant once = Invariants.atMostOneSuccess(Boolean.TRUE::equals);
    assertThat(
            Races.untilBroken(
                ROUNDS,
                round -> {
                  reset(ID, 0);
                  once.check(Races.burst(COPIES, i -> naive.renameIgnoringVersion(1, 0, "n" + i)));
                }))
        .isPresent();
    assertThat(
            Races.untilBroken(
                5,
                round -> {
                  reset(ID, 0);
                  once.check(Races.burst(COPIES, i -> naive.renameCheckingVersion(1, 0, "n" + i)));
                }))
        .isEmpty();
  }

  @Test
  void sixty_four_racefree_debits_of_the_whole_balance_pay_once_and_verify_clean()
      throws Exception {
    Racefree rf = KitDatabase.racefree(KitDatabase.dataSource());
    long id = rf.accounts().open("burst-" + System.nanoTime(), "EUR");
    rf.accounts().credit(id, 100);
    Invariant books = Invariants.racefreeClean(rf).and(Invariants.moneyConservedPerCurrency(rf));
    books.before();
    Outcomes<?> o = Races.burst(64, i -> rf.accounts().debit(id, 100));
    assertThat(o.count(Debited.class)).isOne();
    assertThat(o.count(InsufficientFunds.class)).isEqualTo(63);
    books.check(o);
  }
}
