package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.LedgerEntry;
import dev.racefree.Racefree;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.UnknownAccountException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class HistoryTest {

  private static final Instant EPOCH = Instant.EPOCH;
  private static final Instant FAR = Instant.parse("9999-01-01T00:00:00Z");

  @Test
  void history_pages_through_every_entry_in_order_and_each_balance_is_the_balance_at_its_time(
      Racefree rf) throws Exception {
    long a = rf.accounts().open("historic", "EUR");
    long b = rf.accounts().open("other", "EUR");
    Race.run(
        8,
        (t, barrier) -> {
          for (int i = 0; i < 5; i++) {
            rf.accounts().credit(a, 10);
            rf.accounts().transfer(a, b, 3);
          }
          return null;
        });
    List<LedgerEntry> all = new ArrayList<>();
    long after = 0;
    for (List<LedgerEntry> page = rf.ledger().history(a, EPOCH, FAR, after, 7);
        !page.isEmpty();
        page = rf.ledger().history(a, EPOCH, FAR, after, 7)) {
      assertThat(page).hasSizeLessThanOrEqualTo(7);
      all.addAll(page);
      after = page.getLast().id();
    }
    assertThat(all).hasSize(80);
    long running = 0;
    for (int i = 0; i < all.size(); i++) {
      LedgerEntry e = all.get(i);
      running += e.amount();
      assertThat(e.balanceAfter()).isEqualTo(running); // ids follow the row lock's order
      int last = i; // entries written at the same instant: the last of them is the balance then
      while (last + 1 < all.size() && all.get(last + 1).writtenAt().equals(e.writtenAt())) {
        last++;
      }
      assertThat(rf.ledger().balanceAt(a, e.writtenAt())).isEqualTo(all.get(last).balanceAfter());
    }
    assertThat(running).isEqualTo(8 * 5 * 7);
    LedgerEntry last = all.getLast();
    assertThat(rf.ledger().balanceAt(a, last.writtenAt())).isEqualTo(last.balanceAfter());
    assertThat(rf.ledger().balanceAt(a, all.getFirst().writtenAt().minusNanos(1000))).isZero();
    for (int i = 1; i < all.size(); i++) {
      assertThat(all.get(i).writtenAt()).isAfterOrEqualTo(all.get(i - 1).writtenAt());
    }
    assertThat(all)
        .filteredOn(e -> e.kind() == LedgerEntry.Kind.TRANSFER)
        .hasSize(40)
        .allMatch(e -> e.correlationId() != null && e.amount() == -3);
  }

  @Test
  void bad_ranges_and_pages_are_typed(Racefree rf) {
    long a = rf.accounts().open("historic", "EUR");
    assertThatThrownBy(() -> rf.ledger().history(a, EPOCH, Instant.MAX, 0, 10))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("to");
    assertThatThrownBy(() -> rf.ledger().history(a, null, FAR, 0, 10))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("from");
    assertThatThrownBy(() -> rf.ledger().history(a, EPOCH, FAR, 0, 0))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("pageSize");
    assertThatThrownBy(() -> rf.ledger().history(a, EPOCH, FAR, -1, 10))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("afterId");
    assertThatThrownBy(() -> rf.ledger().balanceAt(a + 1_000, FAR))
        .isInstanceOf(UnknownAccountException.class);
    assertThat(rf.ledger().balanceAt(a, FAR)).isZero();
  }
}
