package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static dev.racefree.it.Funded.funded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.Racefree;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.result.AccountFrozen;
import dev.racefree.result.DebitedUpTo;
import dev.racefree.result.NoSuchAccount;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class DebitUpToTest {

  @Test
  void takes_what_is_available_within_holds_and_the_bound_and_says_how_much(Racefree rf) {
    long a = funded(rf, 100);
    rf.holds().hold(a, 20, Instant.now().plus(1, ChronoUnit.DAYS));
    rf.limits().set(a, -30, null);
    assertThat(rf.accounts().debitUpTo(a, 50)).isEqualTo(new DebitedUpTo(50, 50));
    assertThat(rf.accounts().debitUpTo(a, 500)).isEqualTo(new DebitedUpTo(60, -10));
    assertThat(rf.accounts().debitUpTo(a, 1)).isEqualTo(new DebitedUpTo(0, -10));
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void concurrent_balancing_debits_take_everything_exactly_once(Racefree rf, DSLContext dsl)
      throws Exception {
    long a = funded(rf, 1_000);
    List<Long> taken =
        Race.run(32, (t, barrier) -> ((DebitedUpTo) rf.accounts().debitUpTo(a, 47)).taken());
    assertThat(taken.stream().mapToLong(Long::longValue).sum()).isEqualTo(1_000);
    assertThat(taken).filteredOn(n -> n > 0 && n < 47).hasSizeLessThanOrEqualTo(1);
    assertThat(rf.accounts().balance(a)).isZero();
    assertThat(dsl.fetchCount(LEDGER_ENTRIES, LEDGER_ENTRIES.ACCOUNT_ID.eq(a)))
        .isEqualTo(1 + (int) taken.stream().filter(n -> n > 0).count());
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void refusals_and_bad_input_are_typed_and_change_nothing(Racefree rf) {
    long a = funded(rf, 100);
    rf.lifecycle().freeze(a);
    assertThat(rf.accounts().debitUpTo(a, 10)).isEqualTo(new AccountFrozen(a));
    assertThat(rf.accounts().debitUpTo(a + 1_000, 10)).isEqualTo(new NoSuchAccount(a + 1_000));
    assertThatThrownBy(() -> rf.accounts().debitUpTo(a, 0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("max");
    assertThat(rf.accounts().balance(a)).isEqualTo(100);
  }
}
