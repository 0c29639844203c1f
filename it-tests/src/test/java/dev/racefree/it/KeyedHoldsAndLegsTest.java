package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static dev.racefree.it.Funded.funded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.IdempotencyKey;
import dev.racefree.Leg;
import dev.racefree.Racefree;
import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.result.AlreadyCaptured;
import dev.racefree.result.CaptureResult;
import dev.racefree.result.Captured;
import dev.racefree.result.Held;
import dev.racefree.result.HoldResult;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.LegRefused;
import dev.racefree.result.LegsResult;
import dev.racefree.result.LegsTransferred;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Holds, captures and multi-leg transfers with an idempotency key: however many duplicates race,
 * the operation runs once and every duplicate gets its outcome; a repeat after the fact gets it
 * too, never a refusal that the first call caused.
 */
@ExtendWith(PostgresExtension.class)
class KeyedHoldsAndLegsTest {

  private static final int THREADS = 32;
  private final Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);

  @Test
  void racing_duplicates_of_a_keyed_hold_open_one_hold_and_all_get_its_id(
      Racefree rf, DSLContext dsl) throws Exception {
    long a = funded(rf, 100);
    IdempotencyKey key = IdempotencyKey.of("holds", "order-1");
    List<HoldResult> results =
        Race.run(THREADS, (t, barrier) -> rf.holds().hold(a, 30, tomorrow, key));
    assertThat(results).hasSize(THREADS).allMatch(Held.class::isInstance);
    assertThat(results.stream().distinct()).containsExactly(new Held(hold(results), 70));
    assertThat(dsl.fetchCount(HOLDS)).isEqualTo(1);
    assertThat(rf.holds().available(a)).isEqualTo(70);
    assertThat(rf.holds().hold(a, 30, tomorrow, key)).isEqualTo(results.get(0));
    assertThatThrownBy(() -> rf.holds().hold(a, 31, tomorrow, key))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_keyed_refusal_stays_the_answer_after_the_account_is_funded(Racefree rf) {
    long a = funded(rf, 10);
    IdempotencyKey key = IdempotencyKey.of("holds", "too-much");
    assertThat(rf.holds().hold(a, 30, tomorrow, key)).isEqualTo(new InsufficientFunds(10));
    rf.accounts().credit(a, 100);
    assertThat(rf.holds().hold(a, 30, tomorrow, key)).isEqualTo(new InsufficientFunds(10));
    assertThat(rf.holds().available(a)).isEqualTo(110);
  }

  @Test
  void racing_duplicates_of_a_keyed_capture_capture_once_and_a_late_repeat_gets_captured(
      Racefree rf, DSLContext dsl) throws Exception {
    long a = funded(rf, 100);
    long b = funded(rf, 0);
    long hold = ((Held) rf.holds().holdTransfer(a, b, 50, tomorrow)).holdId();
    IdempotencyKey key = IdempotencyKey.of("captures", "order-1");
    List<CaptureResult> results =
        Race.run(THREADS, (t, barrier) -> rf.holds().capture(hold, 40, key));
    assertThat(results).hasSize(THREADS).containsOnly(new Captured(40, 60));
    assertThat(rf.holds().capture(hold, 40, key)).isEqualTo(new Captured(40, 60));
    assertThat(rf.holds().capture(hold, 40)).isEqualTo(new AlreadyCaptured(hold, 40));
    assertThatThrownBy(() -> rf.holds().capture(hold, 41, key))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThat(rf.accounts().balance(a)).isEqualTo(60);
    assertThat(rf.accounts().balance(b)).isEqualTo(40);
    assertThat(dsl.fetchCount(LEDGER_ENTRIES, LEDGER_ENTRIES.AMOUNT.in(40L, -40L))).isEqualTo(2);
    assertThat(
            dsl.fetchCount(
                LEDGER_ENTRIES,
                LEDGER_ENTRIES
                    .AMOUNT
                    .in(40L, -40L)
                    .and(LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID.isNotNull())))
        .as("both legs of a keyed capture name its key, as keyed debits and transfers do")
        .isEqualTo(2);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void racing_duplicates_of_a_keyed_multi_leg_transfer_apply_it_once_with_one_answer(
      Racefree rf, DSLContext dsl) throws Exception {
    long a = funded(rf, 100);
    long b = funded(rf, 0);
    long c = funded(rf, 0);
    List<Leg> legs = List.of(new Leg(a, b, 60), new Leg(b, c, 25));
    IdempotencyKey key = IdempotencyKey.of("legs", "split-1");
    List<LegsResult> results =
        Race.run(THREADS, (t, barrier) -> rf.transfers().transfer(legs, key));
    assertThat(results).hasSize(THREADS).allMatch(LegsTransferred.class::isInstance);
    assertThat(results.stream().distinct()).hasSize(1);
    LegsTransferred first = (LegsTransferred) results.get(0);
    assertThat(first.balances())
        .containsExactlyInAnyOrderEntriesOf(java.util.Map.of(a, 40L, b, 35L, c, 25L));
    assertThat(rf.transfers().transfer(legs, key)).isEqualTo(first);
    assertThat(dsl.fetchCount(LEDGER_ENTRIES, LEDGER_ENTRIES.CORRELATION_ID.isNotNull()))
        .isEqualTo(4);
    assertThatThrownBy(() -> rf.transfers().transfer(List.of(new Leg(a, b, 60)), key))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_keyed_multi_leg_refusal_names_the_same_leg_after_the_account_is_funded(Racefree rf) {
    long a = funded(rf, 100);
    long b = funded(rf, 0);
    List<Leg> legs = List.of(new Leg(a, b, 60), new Leg(b, a, 70));
    IdempotencyKey key = IdempotencyKey.of("legs", "short");
    LegsResult refused = new LegRefused(1, new InsufficientFunds(60));
    assertThat(rf.transfers().transfer(legs, key)).isEqualTo(refused);
    rf.accounts().credit(b, 100);
    assertThat(rf.transfers().transfer(legs, key)).isEqualTo(refused);
    assertThat(rf.accounts().balance(a)).isEqualTo(100);
  }

  private static long hold(List<HoldResult> results) {
    return ((Held) results.get(0)).holdId();
  }
}
