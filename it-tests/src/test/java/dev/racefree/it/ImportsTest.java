package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.Balances;
import dev.racefree.EntryQuery;
import dev.racefree.IdempotencyKey;
import dev.racefree.ImportedPosting;
import dev.racefree.Ledger;
import dev.racefree.LedgerEntry;
import dev.racefree.Posting;
import dev.racefree.Racefree;
import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.result.EventTimeRefused;
import dev.racefree.result.ImportRefused;
import dev.racefree.result.ImportResult;
import dev.racefree.result.Imported;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.NoSuchAccount;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Imported history: postings written at the times they happened, in order, once per key. */
@ExtendWith(PostgresExtension.class)
class ImportsTest {

  private static final Instant DAY_ONE = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void a_hundred_thousand_imported_postings_leave_every_balance_their_history_says(Racefree rf) {
    String run = UUID.randomUUID().toString();
    long bank = rf.accounts().openExternal("bank:" + run, "EUR");
    long[] accounts = new long[1_000];
    for (int i = 0; i < accounts.length; i++) {
      accounts[i] = rf.accounts().open("legacy " + i, "EUR");
    }
    // A legacy ledger, generated: credits, debits and transfers, one second apart, in order. The
    // model applies each, so a debit or transfer is only generated when the balance covers it.
    Random random = new Random(42);
    Map<Long, Long> model = new HashMap<>();
    Map<Long, Long> atMidpoint = new HashMap<>();
    List<ImportedPosting> legacy = new ArrayList<>();
    long bankSide = 0;
    int total = 100_000;
    for (int i = 0; i < total; i++) {
      Instant at = DAY_ONE.plusSeconds(i);
      long a = accounts[random.nextInt(accounts.length)];
      long b = accounts[random.nextInt(accounts.length)];
      long amount = 1L + random.nextInt(5_000);
      long balance = model.getOrDefault(a, 0L);
      Posting posting = Posting.of().reference("legacy-" + i).code(i % 7);
      int kind = random.nextInt(10);
      if (kind < 3 && balance >= amount && a != b) {
        legacy.add(ImportedPosting.transfer(a, b, amount, at).with(posting));
        model.merge(a, -amount, Long::sum);
        model.merge(b, amount, Long::sum);
      } else if (kind < 6 && balance >= amount) {
        legacy.add(ImportedPosting.debit(a, amount, at).with(posting.external(bank)));
        model.merge(a, -amount, Long::sum);
        bankSide += amount;
      } else {
        legacy.add(ImportedPosting.credit(a, amount, at).with(posting.external(bank)));
        model.merge(a, amount, Long::sum);
        bankSide -= amount;
      }
      if (i == total / 2 - 1) {
        atMidpoint.putAll(model);
      }
    }

    int entries = 0;
    long started = System.nanoTime();
    for (int from = 0; from < total; from += Ledger.MAX_IMPORT) {
      List<ImportedPosting> call = legacy.subList(from, from + Ledger.MAX_IMPORT);
      ImportResult result =
          rf.ledger().importPostings(call, IdempotencyKey.of("import:" + run, "part-" + from));
      assertThat(result).isInstanceOf(Imported.class);
      assertThat(((Imported) result).postings()).isEqualTo(Ledger.MAX_IMPORT);
      entries += ((Imported) result).entries();
    }
    assertThat(entries).isGreaterThan(total);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf(
        "[imports] %,d postings (%,d entries) in %.1f s: %,.0f postings/s%n",
        total, entries, seconds, total / seconds);

    List<Long> ids = new ArrayList<>();
    for (long id : accounts) {
      ids.add(id);
    }
    Balances now = rf.ledger().balances(ids);
    Instant midpoint = DAY_ONE.plusSeconds(total / 2 - 1);
    for (long id : accounts) {
      assertThat(now.of(id)).as("balance of %d", id).isEqualTo(model.getOrDefault(id, 0L));
      assertThat(rf.ledger().balanceAt(id, midpoint))
          .as("balance of %d at the midpoint", id)
          .isEqualTo(atMidpoint.getOrDefault(id, 0L));
    }
    assertThat(rf.accounts().balance(bank)).isEqualTo(bankSide);
    assertThat(rf.ledger().balanceAt(bank, DAY_ONE.minusSeconds(1))).isZero();

    // Each posting is found by its reference, at its own time, marked imported.
    LedgerEntry first =
        rf.ledger().entries(EntryQuery.byReference("legacy-0"), 10).entries().getFirst();
    assertThat(first.writtenAt()).isEqualTo(DAY_ONE);
    assertThat(first.importedAt()).isAfter(Instant.now().minus(Duration.ofHours(1)));
    assertThat(first.code()).isZero();
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void an_import_moves_a_ledger_in_and_live_movements_carry_on_after_it(Racefree rf) {
    String run = UUID.randomUUID().toString();
    // tag::import[]
    long alice = rf.accounts().open("alice", "EUR");
    long bob = rf.accounts().open("bob", "EUR");
    long bank = rf.accounts().openExternal("bank:legacy-" + run, "EUR");
    List<ImportedPosting> history =
        List.of(
            ImportedPosting.credit(alice, 10_000, Instant.parse("2024-01-05T09:30:00Z"))
                .with(Posting.of().external(bank).reference("legacy-1")),
            ImportedPosting.transfer(alice, bob, 2_500, Instant.parse("2024-02-01T12:00:00Z"))
                .with(Posting.of().reference("legacy-2").code(7)),
            ImportedPosting.debit(bob, 500, Instant.parse("2024-03-10T08:15:00Z"))
                .with(Posting.of().external(bank).reference("legacy-3")));
    ImportResult result =
        rf.ledger().importPostings(history, IdempotencyKey.of("import:" + run, "part-1"));
    // Imported(postings=3, entries=4): the transfer is two entries, one per account
    long aliceInFebruary = rf.ledger().balanceAt(alice, Instant.parse("2024-02-15T00:00:00Z"));
    // 7,500: balances and history follow the event times
    // end::import[]
    assertThat(result).isEqualTo(new Imported(3, 4));
    assertThat(aliceInFebruary).isEqualTo(7_500);
    assertThat(rf.ledger().balanceAt(bob, Instant.parse("2024-03-01T00:00:00Z"))).isEqualTo(2_500);
    assertThat(rf.accounts().balance(bank)).isEqualTo(-9_500);
    assertThat(rf.ledger().balanceAt(bank, Instant.parse("2024-02-01T00:00:00Z")))
        .isEqualTo(-10_000);

    rf.accounts().credit(bob, 100); // live, at the database's clock: after the history
    List<LedgerEntry> bobs =
        rf.ledger().history(bob, Instant.EPOCH, Instant.now().plusSeconds(60), 0, 100);
    assertThat(bobs).extracting(LedgerEntry::amount).containsExactly(2_500L, -500L, 100L);
    assertThat(bobs.subList(0, 2)).extracting(LedgerEntry::importedAt).doesNotContainNull();
    assertThat(bobs.get(0).reference()).isEqualTo("legacy-2");
    assertThat(bobs.get(0).code()).isEqualTo(7);
    assertThat(bobs.get(0).counterpartyId()).isEqualTo(alice);
    assertThat(bobs.get(1).counterpartyId()).isEqualTo(bank);
    assertThat(bobs.get(2).importedAt()).isNull();
    assertThat(bobs.get(2).writtenAt()).isAfter(Instant.now().minusSeconds(60));
    assertThat(rf.ledger().posting(bobs.get(0).postingId()))
        .extracting(LedgerEntry::accountId)
        .containsExactlyInAnyOrder(alice, bob);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_retried_import_writes_nothing_again_and_other_postings_under_its_key_conflict(
      Racefree rf) {
    long alice = rf.accounts().open("alice", "EUR");
    IdempotencyKey key = IdempotencyKey.of("import", UUID.randomUUID().toString());
    List<ImportedPosting> history =
        List.of(
            ImportedPosting.credit(alice, 700, DAY_ONE),
            ImportedPosting.debit(alice, 200, DAY_ONE.plusSeconds(1)));
    assertThat(rf.ledger().importPostings(history, key)).isEqualTo(new Imported(2, 2));
    assertThat(rf.ledger().importPostings(history, key)).isEqualTo(new Imported(2, 2));
    assertThat(rf.accounts().balance(alice)).isEqualTo(500);

    List<ImportedPosting> other =
        List.of(
            ImportedPosting.credit(alice, 700, DAY_ONE),
            ImportedPosting.debit(alice, 200, DAY_ONE.plusSeconds(1))
                .with(Posting.of().reference("another")));
    assertThatThrownBy(() -> rf.ledger().importPostings(other, key))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThat(rf.accounts().balance(alice)).isEqualTo(500);
  }

  @Test
  void concurrent_copies_of_one_import_write_it_once_and_all_get_its_outcome(Racefree rf)
      throws Exception {
    long alice = rf.accounts().open("alice", "EUR");
    long bob = rf.accounts().open("bob", "EUR");
    List<ImportedPosting> history = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      history.add(ImportedPosting.credit(alice, 10, DAY_ONE.plusSeconds(2L * i)));
      history.add(ImportedPosting.transfer(alice, bob, 5, DAY_ONE.plusSeconds(2L * i + 1)));
    }
    IdempotencyKey key = IdempotencyKey.of("import", UUID.randomUUID().toString());
    List<ImportResult> results =
        Race.run(16, (thread, barrier) -> rf.ledger().importPostings(history, key));
    assertThat(results).containsOnly(new Imported(400, 600));
    assertThat(rf.accounts().balance(alice)).isEqualTo(1_000);
    assertThat(rf.accounts().balance(bob)).isEqualTo(1_000);
    assertThat(rf.ledger().history(alice, Instant.EPOCH, Instant.now(), 0, 1_000)).hasSize(400);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_time_before_the_account_s_newest_entry_or_after_the_clock_is_refused_writing_nothing(
      Racefree rf) {
    long alice = rf.accounts().open("alice", "EUR");
    long bob = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(bob, 50); // bob's newest entry is now
    Instant bobsNewest =
        rf.ledger()
            .history(bob, Instant.EPOCH, Instant.now().plusSeconds(60), 0, 10)
            .getFirst()
            .writtenAt();

    // Out of order inside one call: the second is before the first.
    ImportResult backwards =
        rf.ledger()
            .importPostings(
                List.of(
                    ImportedPosting.credit(alice, 100, DAY_ONE.plusSeconds(10)),
                    ImportedPosting.credit(alice, 100, DAY_ONE)),
                key());
    assertThat(backwards)
        .isEqualTo(
            new EventTimeRefused(1, alice, DAY_ONE, DAY_ONE.plusSeconds(10), clock(backwards)));

    // Before the newest entry of the other account of a transfer.
    ImportResult beforeBob =
        rf.ledger()
            .importPostings(
                List.of(
                    ImportedPosting.credit(alice, 100, DAY_ONE),
                    ImportedPosting.transfer(alice, bob, 10, DAY_ONE.plusSeconds(1))),
                key());
    assertThat(beforeBob)
        .isEqualTo(
            new EventTimeRefused(1, bob, DAY_ONE.plusSeconds(1), bobsNewest, clock(beforeBob)));

    // In the future.
    Instant tomorrow = Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.SECONDS);
    ImportResult future =
        rf.ledger().importPostings(List.of(ImportedPosting.credit(alice, 1, tomorrow)), key());
    assertThat(future).isInstanceOf(EventTimeRefused.class);
    assertThat(((EventTimeRefused) future).notAfter()).isBefore(tomorrow);

    assertThat(rf.accounts().balance(alice)).isZero();
    assertThat(rf.ledger().history(alice, Instant.EPOCH, Instant.now(), 0, 10)).isEmpty();
  }

  @Test
  void a_posting_the_balance_does_not_cover_refuses_the_import_and_its_key_stays_free(Racefree rf) {
    long alice = rf.accounts().open("alice", "EUR");
    IdempotencyKey key = key();
    List<ImportedPosting> history =
        List.of(
            ImportedPosting.credit(alice, 100, DAY_ONE),
            ImportedPosting.debit(alice, 150, DAY_ONE.plusSeconds(1)));
    assertThat(rf.ledger().importPostings(history, key))
        .isEqualTo(new ImportRefused(1, new InsufficientFunds(100)));
    assertThat(rf.accounts().balance(alice)).isZero();
    assertThat(
            rf.ledger()
                .importPostings(
                    List.of(ImportedPosting.transfer(alice, 0x7fff_ffffL, 1, DAY_ONE)), key))
        .isEqualTo(new ImportRefused(0, new NoSuchAccount(0x7fff_ffffL)));

    // The key kept nothing: the corrected history imports under it.
    List<ImportedPosting> corrected =
        List.of(
            ImportedPosting.credit(alice, 200, DAY_ONE),
            ImportedPosting.debit(alice, 150, DAY_ONE.plusSeconds(1)));
    assertThat(rf.ledger().importPostings(corrected, key)).isEqualTo(new Imported(2, 2));
    assertThat(rf.accounts().balance(alice)).isEqualTo(50);
  }

  @Test
  void bad_postings_are_refused_before_any_sql(Racefree rf) {
    long alice = rf.accounts().open("alice", "EUR");
    assertThatThrownBy(() -> ImportedPosting.credit(alice, 0, DAY_ONE))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("amount");
    assertThatThrownBy(() -> ImportedPosting.debit(-1, 5, DAY_ONE))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("accountId");
    assertThatThrownBy(() -> ImportedPosting.credit(alice, 5, Instant.MAX))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("at");
    assertThatThrownBy(() ->
            ImportedPosting.transfer(alice, alice + 1, 5, DAY_ONE)
                .with(Posting.of().external(alice)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("posting");
    assertThatThrownBy(() ->
            new ImportedPosting(
                ImportedPosting.Kind.CREDIT, alice, alice, 5, DAY_ONE, Posting.of()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("to");
    assertThatThrownBy(() -> rf.ledger().importPostings(List.of(), key()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("postings");
    List<ImportedPosting> tooMany =
        Collections.nCopies(Ledger.MAX_IMPORT + 1, ImportedPosting.credit(alice, 1, DAY_ONE));
    assertThatThrownBy(() -> rf.ledger().importPostings(tooMany, key()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("postings");
    List<ImportedPosting> withNull = new ArrayList<>();
    withNull.add(null);
    assertThatThrownBy(() -> rf.ledger().importPostings(withNull, key()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("postings");
    long usd = rf.accounts().openExternal("bank:" + UUID.randomUUID(), "USD");
    assertThatThrownBy(() ->
            rf.ledger()
                .importPostings(
                    List.of(
                        ImportedPosting.credit(alice, 5, DAY_ONE).with(Posting.of().external(usd))),
                    key()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("not an external account of EUR");
    assertThat(rf.accounts().balance(alice)).isZero();
  }

  private static IdempotencyKey key() {
    return IdempotencyKey.of("import", UUID.randomUUID().toString());
  }

  private static Instant clock(ImportResult refused) {
    return ((EventTimeRefused) refused).notAfter();
  }
}
