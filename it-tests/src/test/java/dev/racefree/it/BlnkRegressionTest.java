package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.HOLD_EVENTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static dev.racefree.it.Funded.funded;
import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.internal.schema.enums.HoldState;
import dev.racefree.result.AboveHold;
import dev.racefree.result.AlreadyCaptured;
import dev.racefree.result.AlreadyReleased;
import dev.racefree.result.Captured;
import dev.racefree.result.Debited;
import dev.racefree.result.Held;
import dev.racefree.result.HoldExpired;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.Released;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The race bugs Blnk fixed in its holds ("inflight transactions"), each as its own regression test
 * on racefree's holds: 32 threads on the same rows, exact end states.
 */
@ExtendWith(PostgresExtension.class)
class BlnkRegressionTest {

  private static final int THREADS = 32;
  private final Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);

  /** Blnk #41: a void could run twice. */
  @Test
  void blnk_41_a_release_runs_once_however_many_race(Racefree rf, DSLContext dsl) throws Exception {
    long a = funded(rf, 100);
    long hold = ((Held) rf.holds().hold(a, 80, tomorrow)).holdId();
    List<Object> results = Race.run(THREADS, (t, barrier) -> rf.holds().release(hold));
    assertThat(results).filteredOn(Released.class::isInstance).hasSize(1);
    assertThat(results).filteredOn(AlreadyReleased.class::isInstance).hasSize(THREADS - 1);
    assertThat(dsl.fetchValue(ACCOUNTS.HELD, ACCOUNTS.ID.eq(a))).isZero();
    assertThat(rf.holds().available(a)).isEqualTo(100);
    assertThat(dsl.fetchCount(HOLD_EVENTS, HOLD_EVENTS.STATE.eq(HoldState.released))).isOne();
    assertThat(rf.verify().isClean()).isTrue();
  }

  /** Blnk #62: a hold could be committed for more than it held. */
  @Test
  void blnk_62_no_capture_takes_more_than_the_hold(Racefree rf, DSLContext dsl) throws Exception {
    long a = funded(rf, 1_000);
    long hold = ((Held) rf.holds().hold(a, 32, tomorrow)).holdId();
    List<Object> results =
        Race.run(THREADS, (t, barrier) -> rf.holds().capture(hold, 1 + 2L * t)); // 1 to 63
    List<Object> captured = results.stream().filter(Captured.class::isInstance).toList();
    assertThat(captured).hasSize(1);
    long took = ((Captured) captured.get(0)).captured();
    assertThat(took).isLessThanOrEqualTo(32);
    assertThat(results)
        .filteredOn(r -> !(r instanceof Captured))
        .allMatch(r -> r instanceof AlreadyCaptured || r instanceof AboveHold);
    assertThat(rf.accounts().balance(a)).isEqualTo(1_000 - took);
    assertThat(dsl.fetchCount(LEDGER_ENTRIES, LEDGER_ENTRIES.KIND.eq(EntryKind.capture))).isOne();
    assertThat(dsl.fetchValue(ACCOUNTS.HELD, ACCOUNTS.ID.eq(a))).isZero();
    assertThat(rf.verify().isClean()).isTrue();
  }

  /** Blnk #181: in-flight debits were left out of the balance check, so balances went negative. */
  @Test
  void blnk_181_holds_count_in_every_debit_check_so_available_never_goes_below_zero(
      Racefree rf, DSLContext dsl) throws Exception {
    long a = funded(rf, 100);
    List<Object> results =
        Race.run(
            THREADS,
            (t, barrier) ->
                t % 2 == 0 ? rf.holds().hold(a, 10, tomorrow) : rf.accounts().debit(a, 10));
    long holds = results.stream().filter(Held.class::isInstance).count();
    long debits = results.stream().filter(Debited.class::isInstance).count();
    assertThat(holds + debits).isEqualTo(10);
    assertThat(results)
        .filteredOn(r -> !(r instanceof Held || r instanceof Debited))
        .hasSize(THREADS - 10)
        .allMatch(InsufficientFunds.class::isInstance);
    assertThat(rf.accounts().balance(a)).isEqualTo(100 - 10 * debits);
    assertThat(dsl.fetchValue(ACCOUNTS.HELD, ACCOUNTS.ID.eq(a))).isEqualTo(10 * holds);
    assertThat(rf.holds().available(a)).isZero();
    assertThat(rf.verify().isClean()).isTrue();
  }

  /** Blnk #182: a rejected (voided or expired) in-flight transfer could still be committed. */
  @Test
  void blnk_182_a_released_or_expired_hold_is_never_captured(Racefree rf, DSLContext dsl)
      throws Exception {
    long a = funded(rf, 100);
    long b = funded(rf, 0);
    long released = ((Held) rf.holds().holdTransfer(a, b, 40, tomorrow)).holdId();
    List<Object> results =
        Race.run(
            THREADS,
            (t, barrier) ->
                t == 0 ? rf.holds().release(released) : rf.holds().capture(released, 40));
    if (results.get(0) instanceof Released) {
      assertThat(results.subList(1, THREADS)).allMatch(AlreadyReleased.class::isInstance);
    } else {
      assertThat(results.get(0)).isInstanceOf(AlreadyCaptured.class);
      assertThat(results).filteredOn(Captured.class::isInstance).hasSize(1);
    }
    long moved = rf.accounts().balance(b);

    long expired = ((Held) rf.holds().holdTransfer(a, b, 40, tomorrow)).holdId();
    dsl.update(HOLDS)
        .set(HOLDS.EXPIRES_AT, DSL.currentOffsetDateTime().minus(1))
        .where(HOLDS.ID.eq(expired))
        .execute();
    assertThat(Race.run(THREADS, (t, barrier) -> rf.holds().capture(expired, 40)))
        .containsOnly(new HoldExpired(expired));
    assertThat(rf.accounts().balance(b)).isEqualTo(moved);
    assertThat(rf.accounts().balance(a)).isEqualTo(100 - moved);
    assertThat(dsl.fetchValue(ACCOUNTS.HELD, ACCOUNTS.ID.eq(a))).isZero();
    assertThat(rf.verify().isClean()).isTrue();
  }
}
