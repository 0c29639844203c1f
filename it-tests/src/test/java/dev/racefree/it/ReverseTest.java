package dev.racefree.it;

import static dev.racefree.it.Funded.funded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.racefree.LedgerEntry;
import dev.racefree.Leg;
import dev.racefree.Racefree;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.result.AlreadyReversed;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.LegsReversed;
import dev.racefree.result.LegsTransferred;
import dev.racefree.result.ReverseResult;
import dev.racefree.result.Reversed;
import dev.racefree.result.UnknownTransfer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class ReverseTest {

  @Test
  void a_reversal_moves_the_money_back_under_its_own_correlation_id(Racefree rf) {
    long a = funded(rf, 100);
    long b = funded(rf, 0);
    rf.accounts().transfer(a, b, 30);
    UUID transfer = lastCorrelation(rf, a);
    Reversed r = (Reversed) rf.ledger().reverse(transfer);
    assertThat(r.sourceBalance()).isEqualTo(100);
    assertThat(r.targetBalance()).isZero();
    assertThat(history(rf, b))
        .extracting(LedgerEntry::kind, LedgerEntry::amount, LedgerEntry::correlationId)
        .containsExactly(
            tuple(LedgerEntry.Kind.TRANSFER, 30L, transfer),
            tuple(LedgerEntry.Kind.REVERSAL, -30L, r.reversalId()));
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_transfer_is_reversed_once_however_many_reverse_it(Racefree rf) throws Exception {
    long a = funded(rf, 1_000);
    long b = funded(rf, 0);
    rf.accounts().transfer(a, b, 400);
    UUID transfer = lastCorrelation(rf, a);
    List<ReverseResult> results = Race.run(32, (t, barrier) -> rf.ledger().reverse(transfer));
    List<ReverseResult> won = results.stream().filter(Reversed.class::isInstance).toList();
    assertThat(won).hasSize(1);
    UUID reversal = ((Reversed) won.getFirst()).reversalId();
    assertThat(results)
        .filteredOn(r -> !(r instanceof Reversed))
        .containsOnly(new AlreadyReversed(transfer, reversal));
    assertThat(rf.accounts().balance(a)).isEqualTo(1_000);
    assertThat(rf.accounts().balance(b)).isZero();
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_target_that_spent_the_money_refuses_and_nothing_changes_until_it_can_pay(Racefree rf) {
    long a = funded(rf, 100);
    long b = funded(rf, 0);
    rf.accounts().transfer(a, b, 60);
    UUID transfer = lastCorrelation(rf, a);
    rf.accounts().debit(b, 50);
    assertThat(rf.ledger().reverse(transfer)).isEqualTo(new InsufficientFunds(10));
    assertThat(rf.accounts().balance(a)).isEqualTo(40);
    rf.accounts().credit(b, 50);
    assertThat(rf.ledger().reverse(transfer)).isInstanceOf(Reversed.class);
    assertThat(rf.accounts().balance(a)).isEqualTo(100);
  }

  @Test
  void a_multi_leg_transfer_is_reversed_leg_by_leg_once_however_many_reverse_it(Racefree rf)
      throws Exception {
    long x = funded(rf, 100);
    long y = funded(rf, 100);
    long z = funded(rf, 100);
    LegsTransferred legs =
        (LegsTransferred)
            rf.transfers()
                .transfer(List.of(new Leg(x, y, 10), new Leg(y, x, 3), new Leg(z, x, 25)));
    assertThat(legs.balances())
        .containsExactlyInAnyOrderEntriesOf(Map.of(x, 118L, y, 107L, z, 75L));
    List<ReverseResult> results =
        Race.run(16, (t, barrier) -> rf.ledger().reverse(legs.correlationId()));
    List<ReverseResult> won = results.stream().filter(LegsReversed.class::isInstance).toList();
    assertThat(won).hasSize(1);
    LegsReversed reversed = (LegsReversed) won.getFirst();
    assertThat(reversed.balances())
        .containsExactlyInAnyOrderEntriesOf(Map.of(x, 100L, y, 100L, z, 100L));
    assertThat(results)
        .filteredOn(r -> !(r instanceof LegsReversed))
        .containsOnly(new AlreadyReversed(legs.correlationId(), reversed.reversalId()));
    assertThat(List.of(x, y, z))
        .allSatisfy(id -> assertThat(rf.accounts().balance(id)).isEqualTo(100));
    List<LedgerEntry> back =
        history(rf, z).stream().filter(e -> e.kind() == LedgerEntry.Kind.REVERSAL).toList();
    assertThat(back).extracting(LedgerEntry::correlationId).containsOnly(reversed.reversalId());
    assertThat(back.stream().mapToLong(LedgerEntry::amount).sum()).isEqualTo(25);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_one_leg_multi_leg_transfer_reverses_as_a_transfer(Racefree rf) {
    long x = funded(rf, 100);
    long y = funded(rf, 0);
    LegsTransferred legs = (LegsTransferred) rf.transfers().transfer(List.of(new Leg(x, y, 40)));
    Reversed r = (Reversed) rf.ledger().reverse(legs.correlationId());
    assertThat(r.sourceBalance()).isEqualTo(100);
    assertThat(r.targetBalance()).isZero();
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_multi_leg_reversal_that_one_account_cannot_pay_changes_nothing(Racefree rf) {
    long x = funded(rf, 100);
    long y = funded(rf, 0);
    long z = funded(rf, 0);
    LegsTransferred legs =
        (LegsTransferred) rf.transfers().transfer(List.of(new Leg(x, y, 30), new Leg(x, z, 20)));
    rf.accounts().debit(z, 15);
    assertThat(rf.ledger().reverse(legs.correlationId())).isEqualTo(new InsufficientFunds(5));
    assertThat(rf.accounts().balance(x)).isEqualTo(50);
    assertThat(rf.accounts().balance(y)).isEqualTo(30);
    assertThat(rf.accounts().balance(z)).isEqualTo(5);
    rf.accounts().credit(z, 15);
    assertThat(rf.ledger().reverse(legs.correlationId())).isInstanceOf(LegsReversed.class);
    assertThat(rf.accounts().balance(x)).isEqualTo(100);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void unknown_and_missing_ids_are_typed(Racefree rf) {
    UUID nobody = UUID.randomUUID();
    assertThat(rf.ledger().reverse(nobody)).isEqualTo(new UnknownTransfer(nobody));
    assertThatThrownBy(() -> rf.ledger().reverse(null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("correlationId");
  }

  private static List<LedgerEntry> history(Racefree rf, long account) {
    return rf.ledger()
        .history(account, Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"), 0, 100);
  }

  private static UUID lastCorrelation(Racefree rf, long account) {
    List<LedgerEntry> entries = history(rf, account);
    UUID id = entries.getLast().correlationId();
    assertThat(id).isNotNull();
    return id;
  }
}
