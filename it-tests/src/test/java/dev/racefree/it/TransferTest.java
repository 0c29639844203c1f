package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.racefree.Racefree;
import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.result.CurrencyMismatch;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.SameAccount;
import dev.racefree.result.Transferred;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class TransferTest {

  @Test
  void a_transfer_moves_money_and_journals_both_legs_under_one_correlation_id(
      Racefree rf, DSLContext dsl) {
    long a = rf.accounts().open("alice", "EUR");
    long b = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(a, 100);

    assertThat(rf.accounts().transfer(a, b, 30)).isEqualTo(new Transferred(70, 30));

    var legs =
        dsl.selectFrom(LEDGER_ENTRIES)
            .where(LEDGER_ENTRIES.KIND.eq(EntryKind.transfer))
            .orderBy(LEDGER_ENTRIES.ID)
            .fetch();
    assertThat(legs)
        .extracting(r -> r.getAccountId(), r -> r.getAmount(), r -> r.getBalanceAfter())
        .containsExactly(tuple(a, -30L, 70L), tuple(b, 30L, 30L));
    assertThat(legs.get(0).getCorrelationId())
        .isNotNull()
        .isEqualTo(legs.get(1).getCorrelationId());
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void opposite_transfers_between_the_same_two_accounts_do_not_deadlock(Racefree rf, DSLContext dsl)
      throws Exception {
    long a = rf.accounts().open("alice", "EUR");
    long b = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(a, 10_000);
    rf.accounts().credit(b, 10_000);

    List<Integer> transferred =
        Race.run(
            32,
            (t, barrier) -> {
              int n = 0;
              for (int i = 0; i < 20; i++) {
                Object r =
                    t % 2 == 0 ? rf.accounts().transfer(a, b, 7) : rf.accounts().transfer(b, a, 7);
                if (r instanceof Transferred) {
                  n++;
                }
              }
              return n;
            });

    assertThat(transferred).containsOnly(20); // every one of the 640 transfers went through
    assertThat(dsl.fetchCount(LEDGER_ENTRIES)).isEqualTo(2 + 640 * 2); // two credits, two legs each
    assertThat(rf.accounts().balance(a)).isEqualTo(10_000);
    assertThat(rf.accounts().balance(b)).isEqualTo(10_000);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void bad_transfers_are_typed_and_change_nothing(Racefree rf, DSLContext dsl) {
    long eur = rf.accounts().open("alice", "EUR");
    long eur2 = rf.accounts().open("bob", "EUR");
    long usd = rf.accounts().open("carol", "USD");
    rf.accounts().credit(eur, 50);
    rf.accounts().credit(eur2, Long.MAX_VALUE - 10);
    List<String> before = Rows.all(dsl);

    assertThat(rf.accounts().transfer(eur, eur, 1)).isEqualTo(new SameAccount(eur));
    assertThat(rf.accounts().transfer(eur, usd, 1)).isEqualTo(new CurrencyMismatch("EUR", "USD"));
    assertThat(rf.accounts().transfer(eur, 999_999, 1)).isEqualTo(new NoSuchAccount(999_999));
    assertThat(rf.accounts().transfer(999_999, eur, 1)).isEqualTo(new NoSuchAccount(999_999));
    assertThat(rf.accounts().transfer(eur, eur2, 51)).isEqualTo(new InsufficientFunds(50));
    assertThatThrownBy(() -> rf.accounts().transfer(eur, eur2, 11))
        .isInstanceOf(AmountOutOfRangeException.class);
    assertThatThrownBy(() -> rf.accounts().transfer(eur, eur2, 0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("amount");
    assertThatThrownBy(() -> rf.accounts().transfer(0, eur2, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("from");
    assertThatThrownBy(() -> rf.accounts().transfer(eur, -1, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("to");

    assertThat(Rows.all(dsl)).isEqualTo(before);
  }
}
