package dev.racefree.internal.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.schema.enums.KeyOutcome;
import dev.racefree.result.Captured;
import dev.racefree.result.Credited;
import dev.racefree.result.CurrencyMismatch;
import dev.racefree.result.Debited;
import dev.racefree.result.Held;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.LegRefused;
import dev.racefree.result.LegsTransferred;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.Transferred;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A stored outcome replays as exactly the value it was stored from, and only as its own
 * operation's.
 */
public class StoredOutcomeTest {

  @Test
  public void every_kept_outcome_round_trips() {
    assertThat(StoredOutcome.of(new Debited(7)).asDebit()).isEqualTo(new Debited(7));
    assertThat(StoredOutcome.of(new InsufficientFunds(3)).asDebit())
        .isEqualTo(new InsufficientFunds(3));
    assertThat(StoredOutcome.of(new InsufficientFunds(3)).asTransfer())
        .isEqualTo(new InsufficientFunds(3));
    assertThat(StoredOutcome.of(new Credited(9)).asCredit()).isEqualTo(new Credited(9));
    assertThat(StoredOutcome.of(new Transferred(1, 2)).asTransfer())
        .isEqualTo(new Transferred(1, 2));
    assertThat(StoredOutcome.of(new Held(5, 70)).asHold()).isEqualTo(new Held(5, 70));
    assertThat(StoredOutcome.of(new InsufficientFunds(3)).asHold())
        .isEqualTo(new InsufficientFunds(3));
    assertThat(StoredOutcome.of(new Captured(40, 60)).asCapture()).isEqualTo(new Captured(40, 60));
    UUID id = UUID.randomUUID();
    Map<Long, Long> balances = Map.of(1L, 40L, 2L, 60L);
    assertThat(StoredOutcome.of(new LegsTransferred(id, balances)).asLegs(c -> balances))
        .isEqualTo(new LegsTransferred(id, balances));
    LegRefused refused = new LegRefused(2, new InsufficientFunds(9));
    assertThat(StoredOutcome.of(refused).asLegs(c -> Map.of())).isEqualTo(refused);
  }

  @Test
  public void validation_failures_keep_nothing() {
    assertThat(StoredOutcome.of(new NoSuchAccount(1))).isNull();
    assertThat(StoredOutcome.of(new CurrencyMismatch("EUR", "USD"))).isNull();
    assertThat(StoredOutcome.of(new LegRefused(0, new NoSuchAccount(1)))).isNull();
  }

  @Test
  public void an_outcome_of_another_operation_or_without_its_balance_is_an_internal_error() {
    assertThatThrownBy(() -> new StoredOutcome(KeyOutcome.credited, 1L, null).asDebit())
        .isInstanceOf(InternalErrorException.class);
    assertThatThrownBy(() -> new StoredOutcome(KeyOutcome.transferred, 1L, null).asTransfer())
        .isInstanceOf(InternalErrorException.class)
        .hasMessageContaining("other_balance");
  }
}
