package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.AccountFrozen;
import dev.racefree.result.Credited;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.VelocityLimitExceeded;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class AtomicDebitTest {

  static final int THREADS = 32;

  @Test
  void n_debits_of_the_whole_balance_let_exactly_one_win(Racefree rf) throws Exception {
    long id = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(id, 100);

    List<DebitResult> results = Race.run(THREADS, (t, barrier) -> rf.accounts().debit(id, 100));

    assertThat(results).filteredOn(Debited.class::isInstance).containsExactly(new Debited(0));
    assertThat(results).filteredOn(InsufficientFunds.class::isInstance).hasSize(THREADS - 1);
    assertThat(rf.accounts().balance(id)).isZero();
  }

  @Test
  void many_small_debits_end_at_the_exact_balance_and_never_below_zero(Racefree rf)
      throws Exception {
    long id = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(id, 1_000);
    int perThread = 50; // 1,600 attempts at 1 against a balance of 1,000

    List<long[]> counts =
        Race.run(
            THREADS,
            (t, barrier) -> {
              long ok = 0;
              long rejected = 0;
              for (int i = 0; i < perThread; i++) {
                switch (rf.accounts().debit(id, 1)) {
                  case Debited d -> {
                    assertThat(d.balance()).isNotNegative();
                    ok++;
                  }
                  case InsufficientFunds f -> rejected++;
                  case NoSuchAccount n -> throw new AssertionError(n);
                  case AccountFrozen f -> throw new AssertionError(f);
                  case AccountClosed c -> throw new AssertionError(c);
                  case VelocityLimitExceeded v -> throw new AssertionError(v);
                }
              }
              return new long[] {ok, rejected};
            });

    long succeeded = counts.stream().mapToLong(c -> c[0]).sum();
    long rejected = counts.stream().mapToLong(c -> c[1]).sum();
    assertThat(succeeded).isEqualTo(1_000);
    assertThat(rejected).isEqualTo((long) THREADS * perThread - 1_000L);
    assertThat(rf.accounts().balance(id)).isZero();
  }

  @Test
  void concurrent_credits_and_debits_lose_no_update(Racefree rf) throws Exception {
    long id = rf.accounts().open("carol", "EUR");
    rf.accounts().credit(id, 10_000);

    Race.run(
        THREADS,
        (t, barrier) -> {
          for (int i = 0; i < 25; i++) {
            if (t % 2 == 0) {
              assertThat(rf.accounts().credit(id, 3)).isInstanceOf(Credited.class);
            } else {
              assertThat(rf.accounts().debit(id, 2)).isInstanceOf(Debited.class);
            }
          }
          return null;
        });

    assertThat(rf.accounts().balance(id)).isEqualTo(10_000 + 16 * 25 * 3 - 16 * 25 * 2);
  }

  @Test
  void a_rejected_debit_says_why_and_changes_nothing(Racefree rf) {
    long id = rf.accounts().open("dave", "USD");
    rf.accounts().credit(id, 40);
    long version = rf.accounts().find(id).orElseThrow().version();

    assertThat(rf.accounts().debit(id, 41)).isEqualTo(new InsufficientFunds(40));
    assertThat(rf.accounts().debit(id + 1000, 1)).isEqualTo(new NoSuchAccount(id + 1000));
    assertThat(rf.accounts().find(id).orElseThrow().version()).isEqualTo(version);
    assertThat(rf.accounts().debit(id, 40)).isEqualTo(new Debited(0));
  }
}
