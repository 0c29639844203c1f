package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.it.Funded.funded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.Racefree;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.result.Credited;
import dev.racefree.result.Debited;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.LimitResult;
import dev.racefree.result.LimitsSet;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.OutsideLimits;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class LimitsTest {

  @Test
  void a_negative_minimum_is_a_credit_line_that_debits_can_use_and_never_pass(Racefree rf) {
    long a = funded(rf, 1_000);
    assertThat(rf.limits().set(a, -500, null)).isEqualTo(new LimitsSet(-500, null));
    assertThat(rf.accounts().debit(a, 1_200)).isEqualTo(new Debited(-200));
    assertThat(rf.accounts().debit(a, 301)).isEqualTo(new InsufficientFunds(-200));
    assertThat(rf.accounts().debit(a, 300)).isEqualTo(new Debited(-500));
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_maximum_refuses_credits_and_transfers_that_would_pass_it(Racefree rf) {
    long a = funded(rf, 900);
    long b = funded(rf, 500);
    assertThat(rf.limits().set(a, 0, 1_000L)).isEqualTo(new LimitsSet(0, 1_000L));
    assertThat(rf.accounts().credit(a, 101)).isEqualTo(new LimitExceeded(a, 900, 1_000));
    assertThat(rf.accounts().transfer(b, a, 101)).isEqualTo(new LimitExceeded(a, 900, 1_000));
    assertThat(rf.accounts().credit(a, 100)).isEqualTo(new Credited(1_000));
    assertThat(rf.accounts().balance(b)).isEqualTo(500);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_limit_change_never_races_a_debit(Racefree rf, DSLContext dsl) throws Exception {
    for (int round = 0; round < 5; round++) {
      long a = funded(rf, 10_000);
      AtomicReference<LimitResult> change = new AtomicReference<>();
      List<Integer> debited =
          Race.run(
              32,
              (t, barrier) -> {
                if (t == 0) {
                  change.set(rf.limits().set(a, 5_000, null));
                  return 0;
                }
                int n = 0;
                for (int i = 0; i < 11; i++) {
                  if (rf.accounts().debit(a, 100) instanceof Debited) {
                    n++;
                  }
                }
                return n;
              });
      long balance = rf.accounts().balance(a);
      assertThat(debited.stream().mapToLong(Integer::longValue).sum() * 100)
          .isEqualTo(10_000 - balance);
      if (change.get() instanceof LimitsSet) {
        // Committed while the balance was at least 5000: no debit passed it afterwards.
        assertThat(balance).isEqualTo(5_000);
        assertThat(dsl.fetchValue(ACCOUNTS.MIN_BALANCE, ACCOUNTS.ID.eq(a))).isEqualTo(5_000);
      } else {
        assertThat(change.get()).isInstanceOf(OutsideLimits.class);
        assertThat(balance).isZero();
      }
    }
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_change_the_balance_already_breaks_is_refused(Racefree rf) {
    long a = funded(rf, 100);
    assertThat(rf.limits().set(a, 200, null)).isEqualTo(new OutsideLimits(100, 0));
    assertThat(rf.limits().set(a, 0, 50L)).isEqualTo(new OutsideLimits(100, 0));
    assertThat(rf.accounts().debit(a, 100)).isEqualTo(new Debited(0)); // old bounds still apply
  }

  @Test
  void bad_limits_are_typed_and_change_nothing(Racefree rf) {
    long a = funded(rf, 100);
    assertThatThrownBy(() -> rf.limits().set(a, Long.MIN_VALUE, null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("minBalance");
    assertThatThrownBy(() -> rf.limits().set(a, 10, 5L))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("maxBalance");
    assertThatThrownBy(() -> rf.limits().set(0, 0, null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("accountId");
    assertThat(rf.limits().set(a + 1_000, 0, null)).isEqualTo(new NoSuchAccount(a + 1_000));
    assertThat(rf.accounts().debit(a, 101)).isEqualTo(new InsufficientFunds(100));
  }
}
