package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.HOLD_EVENTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static dev.racefree.it.Funded.funded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.Racefree;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.schema.enums.HoldState;
import dev.racefree.result.AboveHold;
import dev.racefree.result.AlreadyCaptured;
import dev.racefree.result.AlreadyReleased;
import dev.racefree.result.CaptureResult;
import dev.racefree.result.Captured;
import dev.racefree.result.CurrencyMismatch;
import dev.racefree.result.Debited;
import dev.racefree.result.Held;
import dev.racefree.result.HoldExpired;
import dev.racefree.result.HoldResult;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.Released;
import dev.racefree.result.SameAccount;
import dev.racefree.result.UnknownHold;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class HoldsTest {

  private static final int THREADS = 32;
  private final Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);

  @Test
  void a_hold_reserves_funds_that_debits_can_not_take_and_a_capture_journals_what_it_took(
      Racefree rf, DSLContext dsl) {
    long a = funded(rf, 100);
    Held held = (Held) rf.holds().hold(a, 60, tomorrow);
    assertThat(held.available()).isEqualTo(40);
    assertThat(rf.accounts().debit(a, 50)).isEqualTo(new InsufficientFunds(40));
    assertThat(rf.accounts().debit(a, 40)).isEqualTo(new Debited(60));
    assertThat(rf.holds().capture(held.holdId(), 30)).isEqualTo(new Captured(30, 30));
    assertThat(rf.holds().available(a)).isEqualTo(30); // the other 30 of the hold came back
    assertThat(dsl.fetchValue(ACCOUNTS.HELD, ACCOUNTS.ID.eq(a))).isZero();
    assertThat(
            dsl.select(LEDGER_ENTRIES.AMOUNT, LEDGER_ENTRIES.KIND)
                .from(LEDGER_ENTRIES)
                .where(LEDGER_ENTRIES.ACCOUNT_ID.eq(a))
                .orderBy(LEDGER_ENTRIES.ID)
                .fetch(r -> r.value1() + " " + r.value2()))
        .containsExactly("100 credit", "-40 debit", "-30 capture");
    assertThat(dsl.fetch(HOLD_EVENTS).getValues(HOLD_EVENTS.STATE))
        .containsExactly(HoldState.active, HoldState.captured);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void capture_release_and_expiry_of_one_hold_never_more_than_one_wins(Racefree rf, DSLContext dsl)
      throws Exception {
    long a = funded(rf, 10_000);
    for (int round = 0; round < 10; round++) {
      long hold = ((Held) rf.holds().hold(a, 100, tomorrow)).holdId();
      List<Object> results =
          Race.run(
              THREADS,
              (t, barrier) -> {
                if (t == 0) { // the clock passes the hold's expiry
                  return dsl.update(HOLDS)
                      .set(HOLDS.EXPIRES_AT, DSL.currentOffsetDateTime().minus(1))
                      .where(HOLDS.ID.eq(hold))
                      .and(HOLDS.STATE.eq(HoldState.active))
                      .execute();
                }
                return t % 2 == 0 ? rf.holds().capture(hold, 70) : rf.holds().release(hold);
              });
      long captures = results.stream().filter(Captured.class::isInstance).count();
      long releases = results.stream().filter(Released.class::isInstance).count();
      assertThat(captures + releases).isLessThanOrEqualTo(1);
      rf.holds().sweepExpired();
      HoldState state = dsl.fetchValue(HOLDS.STATE, HOLDS.ID.eq(hold));
      assertThat(state)
          .isEqualTo(
              captures == 1
                  ? HoldState.captured
                  : releases == 1 ? HoldState.released : HoldState.expired);
      assertThat(dsl.fetchCount(HOLD_EVENTS, HOLD_EVENTS.HOLD_ID.eq(hold))).isEqualTo(2);
    }
    long captured = dsl.fetchCount(HOLDS, HOLDS.STATE.eq(HoldState.captured));
    assertThat(rf.accounts().balance(a)).isEqualTo(10_000 - 70 * captured);
    assertThat(dsl.fetchValue(ACCOUNTS.HELD, ACCOUNTS.ID.eq(a))).isZero();
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void concurrent_captures_never_take_more_than_the_hold(Racefree rf) throws Exception {
    long a = funded(rf, 1_000);
    long hold = ((Held) rf.holds().hold(a, 100, tomorrow)).holdId();
    List<CaptureResult> results = Race.run(THREADS, (t, barrier) -> rf.holds().capture(hold, 60));
    assertThat(results).filteredOn(Captured.class::isInstance).hasSize(1);
    assertThat(results)
        .filteredOn(r -> !(r instanceof Captured))
        .containsOnly(new AlreadyCaptured(hold, 60));
    assertThat(rf.accounts().balance(a)).isEqualTo(940);
    assertThat(rf.holds().available(a)).isEqualTo(940);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void holds_and_debits_together_never_push_available_below_the_bound(Racefree rf, DSLContext dsl)
      throws Exception {
    long a = funded(rf, 1_000);
    List<Integer> won =
        Race.run(
            THREADS,
            (t, barrier) -> {
              int n = 0;
              for (int i = 0; i < 10; i++) {
                Object r =
                    (t + i) % 2 == 0
                        ? rf.holds().hold(a, 30, tomorrow)
                        : rf.accounts().debit(a, 30);
                if (r instanceof Held || r instanceof Debited) {
                  n++;
                }
              }
              return n;
            });
    int wins = won.stream().mapToInt(Integer::intValue).sum();
    assertThat(wins).isEqualTo(33); // 33 * 30 = 990 of the 1000; the 34th never fits
    long held = dsl.fetchValue(ACCOUNTS.HELD, ACCOUNTS.ID.eq(a));
    assertThat(rf.accounts().balance(a) - held).isEqualTo(10);
    assertThat(held).isEqualTo(30L * dsl.fetchCount(HOLDS));
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void blnk_41_a_hold_is_released_once_however_many_release_it(Racefree rf) throws Exception {
    long a = funded(rf, 100);
    long hold = ((Held) rf.holds().hold(a, 80, tomorrow)).holdId();
    List<Object> results = Race.run(THREADS, (t, barrier) -> rf.holds().release(hold));
    assertThat(results).filteredOn(Released.class::isInstance).hasSize(1);
    assertThat(results)
        .filteredOn(r -> !(r instanceof Released))
        .containsOnly(new AlreadyReleased(hold));
    assertThat(rf.holds().available(a)).isEqualTo(100);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void blnk_62_a_capture_above_the_hold_is_refused_and_changes_nothing(Racefree rf) {
    long a = funded(rf, 100);
    long hold = ((Held) rf.holds().hold(a, 50, tomorrow)).holdId();
    assertThat(rf.holds().capture(hold, 51)).isEqualTo(new AboveHold(hold, 50));
    assertThat(rf.holds().available(a)).isEqualTo(50);
    assertThat(rf.holds().capture(hold, 50)).isEqualTo(new Captured(50, 50));
  }

  @Test
  void blnk_182_a_released_hold_can_not_be_captured(Racefree rf) {
    long a = funded(rf, 100);
    long hold = ((Held) rf.holds().hold(a, 50, tomorrow)).holdId();
    assertThat(rf.holds().release(hold)).isEqualTo(new Released(hold));
    assertThat(rf.holds().capture(hold, 10)).isEqualTo(new AlreadyReleased(hold));
    assertThat(rf.accounts().balance(a)).isEqualTo(100);
  }

  @Test
  void an_expired_hold_stops_counting_at_once_and_can_not_be_captured(Racefree rf, DSLContext dsl) {
    long a = funded(rf, 100);
    long first = ((Held) rf.holds().hold(a, 70, tomorrow)).holdId();
    long second = ((Held) rf.holds().hold(a, 30, tomorrow)).holdId();
    expire(dsl, first);
    assertThat(rf.holds().available(a)).isEqualTo(70); // by the database's clock, no sweep yet
    assertThat(rf.accounts().debit(a, 70)).isEqualTo(new Debited(30)); // it marks the lapsed hold
    assertThat(rf.holds().capture(first, 10)).isEqualTo(new HoldExpired(first));
    expire(dsl, second);
    assertThat(rf.holds().release(second)).isEqualTo(new HoldExpired(second));
    assertThat(dsl.fetchValue(ACCOUNTS.HELD, ACCOUNTS.ID.eq(a))).isZero();
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void bad_input_is_typed_and_changes_nothing(Racefree rf, DSLContext dsl) {
    long a = funded(rf, 100);
    assertThatThrownBy(() -> rf.holds().hold(a, 0, tomorrow))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("amount");
    assertThatThrownBy(() -> rf.holds().hold(a, -1, tomorrow))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("amount");
    assertThatThrownBy(() -> rf.holds().hold(a, 1, null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("expiresAt");
    assertThatThrownBy(() -> rf.holds().hold(a, 1, Instant.MAX))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("expiresAt");
    assertThatThrownBy(() -> rf.holds().hold(a, 1, Instant.now().minusSeconds(60)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("expiresAt");
    assertThatThrownBy(() -> rf.holds().hold(0, 1, tomorrow))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("accountId");
    assertThatThrownBy(() -> rf.holds().capture(1, Long.MIN_VALUE))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("amount");
    HoldResult missing = rf.holds().hold(a + 1_000, 1, tomorrow);
    assertThat(missing).isEqualTo(new NoSuchAccount(a + 1_000));
    assertThat(rf.holds().hold(a, 101, tomorrow)).isEqualTo(new InsufficientFunds(100));
    assertThat(rf.holds().capture(999, 1)).isEqualTo(new UnknownHold(999));
    assertThat(rf.holds().release(999)).isEqualTo(new UnknownHold(999));
    assertThat(dsl.fetchCount(HOLDS)).isZero();
    assertThat(rf.holds().available(a)).isEqualTo(100);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_held_transfer_moves_what_is_captured_to_its_target_as_a_transfer(
      Racefree rf, DSLContext dsl) {
    long a = funded(rf, 100);
    long b = funded(rf, 0);
    long usd = rf.accounts().open("dollars", "USD");
    assertThat(rf.holds().holdTransfer(a, a, 10, tomorrow)).isEqualTo(new SameAccount(a));
    assertThat(rf.holds().holdTransfer(a, usd, 10, tomorrow))
        .isEqualTo(new CurrencyMismatch("EUR", "USD"));
    long hold = ((Held) rf.holds().holdTransfer(a, b, 60, tomorrow)).holdId();
    rf.limits().set(b, 0, 30L);
    assertThat(rf.holds().capture(hold, 40)).isEqualTo(new LimitExceeded(b, 0, 30));
    assertThat(rf.holds().capture(hold, 25)).isEqualTo(new Captured(25, 75));
    assertThat(rf.accounts().balance(b)).isEqualTo(25);
    assertThat(rf.holds().available(a)).isEqualTo(75);
    assertThat(
            dsl.selectDistinct(LEDGER_ENTRIES.CORRELATION_ID)
                .from(LEDGER_ENTRIES)
                .where(
                    LEDGER_ENTRIES.KIND.eq(dev.racefree.internal.schema.enums.EntryKind.transfer))
                .fetch())
        .hasSize(1);
    assertThat(rf.verify().isClean()).isTrue();
  }

  /** The database's clock passes the hold's expiry: moved back, not waited for. */
  private static void expire(DSLContext dsl, long hold) {
    dsl.update(HOLDS)
        .set(HOLDS.EXPIRES_AT, DSL.currentOffsetDateTime().minus(1))
        .where(HOLDS.ID.eq(hold))
        .execute();
  }

  @Test
  void a_bad_hold_id_is_refused_as_a_hold_id(Racefree rf) {
    assertThatThrownBy(() -> rf.holds().release(0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("holdId must be a positive id, was 0");
    assertThatThrownBy(() -> rf.holds().capture(-1, 5))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessage("holdId must be a positive id, was -1");
  }
}
