package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static dev.racefree.it.Funded.funded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.Leg;
import dev.racefree.Racefree;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.result.CurrencyMismatch;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.LegRefused;
import dev.racefree.result.LegsResult;
import dev.racefree.result.LegsTransferred;
import dev.racefree.result.NoSuchAccount;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class MultiLegTest {

  @Test
  void every_leg_applies_in_order_under_one_correlation_id(Racefree rf, DSLContext dsl) {
    long a = funded(rf, 100);
    long b = funded(rf, 0);
    long c = funded(rf, 0);
    LegsResult r =
        rf.transfers().transfer(List.of(new Leg(a, b, 70), new Leg(b, c, 50), new Leg(c, a, 5)));
    assertThat(r).isInstanceOf(LegsTransferred.class);
    assertThat(((LegsTransferred) r).balances()).isEqualTo(Map.of(a, 35L, b, 20L, c, 45L));
    assertThat(
            dsl.fetchCount(
                LEDGER_ENTRIES,
                LEDGER_ENTRIES.CORRELATION_ID.eq(((LegsTransferred) r).correlationId())))
        .isEqualTo(6);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void the_first_leg_that_fails_is_named_and_no_leg_applies(Racefree rf) {
    long a = funded(rf, 100);
    long b = funded(rf, 0);
    long c = funded(rf, 0);
    long usd = rf.accounts().open("dollars", "USD");
    assertThat(rf.transfers().transfer(List.of(new Leg(a, b, 70), new Leg(b, c, 71))))
        .isEqualTo(new LegRefused(1, new InsufficientFunds(70)));
    assertThat(rf.transfers().transfer(List.of(new Leg(a, b, 1), new Leg(a, usd, 1))))
        .isEqualTo(new LegRefused(1, new CurrencyMismatch("EUR", "USD")));
    assertThat(rf.transfers().transfer(List.of(new Leg(a, 999_999, 1))))
        .isEqualTo(new LegRefused(0, new NoSuchAccount(999_999)));
    assertThat(Arrays.asList(rf.accounts().balance(a), rf.accounts().balance(b)))
        .containsExactly(100L, 0L);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void cycles_under_concurrency_never_deadlock_and_keep_every_total(Racefree rf) throws Exception {
    long[] ids = {funded(rf, 1_000), funded(rf, 1_000), funded(rf, 1_000)};
    List<Integer> applied =
        Race.run(
            32,
            (t, barrier) -> {
              int n = 0;
              for (int i = 0; i < 10; i++) {
                int s = (t + i) % 3; // A->B->C->A starting at a different account each time
                List<Leg> legs = new ArrayList<>();
                for (int k = 0; k < 3; k++) {
                  legs.add(new Leg(ids[(s + k) % 3], ids[(s + k + 1) % 3], 7));
                }
                if (t % 2 == 1) {
                  legs = legs.reversed(); // and the other way round
                }
                if (rf.transfers().transfer(legs) instanceof LegsTransferred) {
                  n++;
                }
              }
              return n;
            });
    assertThat(applied).containsOnly(10); // 1000 each: every leg is always covered
    for (long id : ids) {
      assertThat(rf.accounts().balance(id)).isEqualTo(1_000);
    }
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void bad_legs_are_typed_before_any_sql(Racefree rf) {
    assertThatThrownBy(() -> new Leg(0, 1, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("from");
    assertThatThrownBy(() -> new Leg(1, 2, -5))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("amount");
    assertThatThrownBy(() -> rf.transfers().transfer(List.of()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("legs");
    assertThatThrownBy(() -> rf.transfers().transfer(Arrays.asList(new Leg(1, 2, 3), null)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("legs[1]");
  }
}
