package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.it.Funded.funded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.BatchOptions;
import dev.racefree.Batching;
import dev.racefree.EntryQuery;
import dev.racefree.IdempotencyKey;
import dev.racefree.LedgerEntry;
import dev.racefree.Posting;
import dev.racefree.Racefree;
import dev.racefree.exception.DuplicateReferenceException;
import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.result.Captured;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.Held;
import dev.racefree.result.HoldResult;
import dev.racefree.result.Released;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The caller's posting on holds, held transfers, captures and batched calls: stored on every entry
 * they write, part of the idempotency fingerprint, and a unique reference refused to the request
 * that repeats it and to no other.
 */
@ExtendWith(PostgresExtension.class)
class PostingsOnHoldsAndBatchesTest {

  private final Instant tomorrow = Instant.now().plus(Duration.ofDays(1));

  @Test
  void a_hold_keeps_its_posting_and_its_capture_writes_it(Racefree rf) {
    long card = funded(rf, 5_000);
    // tag::hold[]
    Posting order = Posting.of().reference("order-81").code(10).metadata("shop", "s-3");
    Held held = (Held) rf.holds().hold(card, 2_500, tomorrow, order);
    rf.holds().capture(held.holdId(), 2_300); // its entry carries the hold's posting
    // end::hold[]
    LedgerEntry entry = single(rf, EntryQuery.byReference("order-81"));
    assertThat(entry.accountId()).isEqualTo(card);
    assertThat(entry.amount()).isEqualTo(-2_300);
    assertThat(entry.kind()).isEqualTo(LedgerEntry.Kind.CAPTURE);
    assertThat(entry.code()).isEqualTo(10);
    assertThat(entry.metadata()).isEqualTo(Map.of("shop", "s-3"));
    assertThat(entry.counterpartyId()).isEqualTo(rf.accounts().defaultExternal("EUR"));
    assertThat(rf.ledger().posting(entry.postingId())).containsExactly(entry);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_held_transfer_posts_both_sides_of_its_capture_with_the_holds_posting(Racefree rf) {
    long buyer = funded(rf, 1_000);
    long shop = funded(rf, 0);
    Posting escrow = Posting.of().reference("escrow-5").code(11).metadata("deal", "d-9");
    Held held = (Held) rf.holds().holdTransfer(buyer, shop, 600, tomorrow, escrow);
    assertThat(rf.holds().capture(held.holdId(), 600)).isEqualTo(new Captured(600, 400));
    List<LedgerEntry> sides = rf.ledger().entries(EntryQuery.byReference("escrow-5"), 10).entries();
    assertThat(sides).extracting(LedgerEntry::accountId).containsExactlyInAnyOrder(buyer, shop);
    assertThat(sides).extracting(LedgerEntry::code).containsOnly(11);
    assertThat(sides).extracting(LedgerEntry::metadata).containsOnly(Map.of("deal", "d-9"));
    assertThat(rf.ledger().posting(sides.getFirst().postingId()))
        .containsExactlyInAnyOrderElementsOf(sides);
    assertThat(history(rf, shop).getLast().counterpartyId()).isEqualTo(buyer);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_capture_with_its_own_posting_writes_that_one_against_its_external_account(Racefree rf) {
    long card = funded(rf, 1_000);
    long psp = rf.accounts().openExternal("psp:" + UUID.randomUUID(), "EUR");
    Held held = (Held) rf.holds().hold(card, 700, tomorrow, Posting.of().reference("auth-7"));
    // tag::capture[]
    rf.holds().capture(held.holdId(), 500, Posting.of().reference("charge-7").external(psp));
    // end::capture[]
    LedgerEntry entry = history(rf, card).getLast();
    assertThat(entry.reference()).isEqualTo("charge-7");
    assertThat(entry.counterpartyId()).isEqualTo(psp);
    assertThat(rf.accounts().balance(psp)).isEqualTo(500);
    assertThat(rf.ledger().entries(EntryQuery.byReference("auth-7"), 10).entries()).isEmpty();

    // A hold may name the external account its capture posts against.
    Held named = (Held) rf.holds().hold(card, 100, tomorrow, Posting.of().external(psp));
    rf.holds().capture(named.holdId(), 100);
    assertThat(history(rf, card).getLast().counterpartyId()).isEqualTo(psp);
    assertThat(rf.accounts().balance(psp)).isEqualTo(600);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_release_writes_no_entry_and_frees_the_holds_unique_reference(Racefree rf) {
    long card = funded(rf, 1_000);
    Posting unique = Posting.of().uniqueReference("booking-1");
    Held first = (Held) rf.holds().hold(card, 100, tomorrow, unique);
    assertThatThrownBy(() -> rf.holds().hold(card, 100, tomorrow, unique))
        .isInstanceOf(DuplicateReferenceException.class)
        .hasMessageContaining("booking-1");
    assertThat(rf.holds().available(card)).isEqualTo(900); // the refused hold left nothing
    int entries = history(rf, card).size();
    assertThat(rf.holds().release(first.holdId())).isEqualTo(new Released(first.holdId()));
    assertThat(history(rf, card)).hasSize(entries);

    Held again = (Held) rf.holds().hold(card, 100, tomorrow, unique);
    rf.holds().capture(again.holdId(), 100);
    assertThat(single(rf, EntryQuery.byReference("booking-1")).amount()).isEqualTo(-100);
    // Now an entry carries it: no hold may reserve it again, nor a debit take it.
    assertThatThrownBy(() -> rf.holds().hold(card, 100, tomorrow, unique))
        .isInstanceOf(DuplicateReferenceException.class);
    assertThatThrownBy(() -> rf.accounts().debit(card, 1, unique))
        .isInstanceOf(DuplicateReferenceException.class);
    // Another account may carry it.
    long other = funded(rf, 10);
    assertThat(rf.holds().hold(other, 10, tomorrow, unique)).isInstanceOf(Held.class);
    assertThat(rf.holds().available(card)).isEqualTo(900);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void an_entry_that_takes_a_held_unique_reference_first_makes_the_capture_refuse(Racefree rf) {
    long card = funded(rf, 1_000);
    Posting unique = Posting.of().uniqueReference("ticket-4");
    Held held = (Held) rf.holds().hold(card, 300, tomorrow, unique);
    rf.accounts().debit(card, 50, unique); // a debit does not look at holds
    assertThatThrownBy(() -> rf.holds().capture(held.holdId(), 300))
        .isInstanceOf(DuplicateReferenceException.class);
    assertThat(rf.holds().available(card)).isEqualTo(650); // the hold is still active
    // The capture may post under a reference of its own.
    assertThat(rf.holds().capture(held.holdId(), 300, Posting.of().reference("ticket-4b")))
        .isEqualTo(new Captured(300, 650));
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void of_eight_racing_holds_with_one_unique_reference_exactly_one_opens(Racefree rf)
      throws Exception {
    long card = funded(rf, 1_000);
    List<Boolean> opened =
        Race.run(
            8,
            (t, barrier) -> {
              try {
                return rf.holds().hold(card, 10, tomorrow, Posting.of().uniqueReference("seat-1"))
                    instanceof Held;
              } catch (DuplicateReferenceException e) {
                return false;
              }
            });
    assertThat(opened).filteredOn(Boolean::booleanValue).hasSize(1);
    assertThat(rf.holds().available(card)).isEqualTo(990);
  }

  @Test
  void a_keyed_hold_and_capture_fingerprint_their_posting(Racefree rf) {
    long card = funded(rf, 1_000);
    IdempotencyKey holdKey = IdempotencyKey.of("holds", UUID.randomUUID().toString());
    Posting order = Posting.of().reference("order-3");
    Held held = (Held) rf.holds().hold(card, 100, tomorrow, order, holdKey);
    assertThat(rf.holds().hold(card, 100, tomorrow, order, holdKey)).isEqualTo(held);
    assertThatThrownBy(
            () -> rf.holds().hold(card, 100, tomorrow, Posting.of().reference("x"), holdKey))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThatThrownBy(() -> rf.holds().hold(card, 100, tomorrow, holdKey))
        .isInstanceOf(IdempotencyConflictException.class);

    IdempotencyKey transferKey = IdempotencyKey.of("holds", UUID.randomUUID().toString());
    long shop = funded(rf, 0);
    HoldResult escrow = rf.holds().holdTransfer(card, shop, 50, tomorrow, order, transferKey);
    assertThat(rf.holds().holdTransfer(card, shop, 50, tomorrow, order, transferKey))
        .isEqualTo(escrow);
    assertThatThrownBy(() -> rf.holds().holdTransfer(card, shop, 50, tomorrow, transferKey))
        .isInstanceOf(IdempotencyConflictException.class);

    IdempotencyKey captureKey = IdempotencyKey.of("captures", UUID.randomUUID().toString());
    Posting charge = Posting.of().reference("charge-3");
    Captured captured = (Captured) rf.holds().capture(held.holdId(), 80, charge, captureKey);
    assertThat(rf.holds().capture(held.holdId(), 80, charge, captureKey)).isEqualTo(captured);
    assertThatThrownBy(() -> rf.holds().capture(held.holdId(), 80, captureKey))
        .isInstanceOf(IdempotencyConflictException.class);
    assertThat(single(rf, EntryQuery.byReference("charge-3")).amount()).isEqualTo(-80);
  }

  @Test
  void an_empty_posting_keeps_the_fingerprint_of_the_call_without_one(Racefree rf) {
    long card = funded(rf, 1_000);
    IdempotencyKey holdKey = IdempotencyKey.of("holds", UUID.randomUUID().toString());
    Held held = (Held) rf.holds().hold(card, 100, tomorrow, holdKey);
    assertThat(rf.holds().hold(card, 100, tomorrow, Posting.of(), holdKey)).isEqualTo(held);
    IdempotencyKey captureKey = IdempotencyKey.of("captures", UUID.randomUUID().toString());
    Captured captured = (Captured) rf.holds().capture(held.holdId(), 100, captureKey);
    assertThat(rf.holds().capture(held.holdId(), 100, Posting.of(), captureKey))
        .isEqualTo(captured);
  }

  @Test
  void bad_postings_on_holds_are_refused_and_change_nothing(Racefree rf) {
    long card = funded(rf, 1_000);
    long usd = rf.accounts().openExternal("bank:" + UUID.randomUUID(), "USD");
    assertThatThrownBy(() -> rf.holds().hold(card, 1, tomorrow, (Posting) null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("posting");
    assertThatThrownBy(() -> rf.holds().holdTransfer(card, card + 1, 1, tomorrow, (Posting) null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("posting");
    assertThatThrownBy(() -> rf.holds().capture(1, 1, (Posting) null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("posting");
    assertThatThrownBy(() -> rf.holds().hold(card, 1, tomorrow, Posting.of().external(usd)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("posting");
    Held held = (Held) rf.holds().hold(card, 10, tomorrow);
    assertThatThrownBy(
            () -> rf.holds().capture(held.holdId(), 10, Posting.of().external(usd).code(1)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("posting");
    assertThat(rf.holds().available(card)).isEqualTo(990);
    assertThat(rf.accounts().balance(card)).isEqualTo(1_000);
  }

  @Test
  void every_batched_call_writes_its_posting_and_a_batched_hold_keeps_its_own(
      Racefree rf, DataSource dataSource) throws Exception {
    long fees = funded(rf, 1_000);
    long shop = funded(rf, 1_000);
    try (Batching batching = rf.batching(BatchOptions.defaults().withConnections(1))) {
      // tag::batched[]
      DebitResult fee = batching.debit(fees, 25, Posting.of().reference("fee-18").code(3));
      // end::batched[]
      assertThat(fee).isEqualTo(new Debited(975));
      List<CompletableFuture<?>> sent = new ArrayList<>();
      try (Connection locker = locked(dataSource, fees)) {
        CompletableFuture<DebitResult> gate = batching.debitAsync(fees, 1);
        Blocked.awaitWaiters(DSL.using(dataSource, SQLDialect.POSTGRES), 1, Duration.ofSeconds(30));
        sent.add(batching.debitAsync(fees, 10, Posting.of().reference("b-debit").code(1)));
        sent.add(
            batching.creditAsync(shop, 20, Posting.of().reference("b-credit").metadata("k", "v")));
        sent.add(batching.transferAsync(fees, shop, 30, Posting.of().reference("b-transfer")));
        sent.add(batching.holdAsync(fees, 40, tomorrow, Posting.of().reference("b-hold-1")));
        sent.add(batching.holdAsync(fees, 40, tomorrow, Posting.of().reference("b-hold-2")));
        locker.rollback();
        assertThat(gate.get(30, TimeUnit.SECONDS)).isEqualTo(new Debited(974));
        for (CompletableFuture<?> f : sent) {
          f.get(30, TimeUnit.SECONDS);
        }
      }
      assertThat(batching.stats().max()).isEqualTo(5);
      // Two holds alike but for their postings: each id keeps its own.
      for (int i = 1; i <= 2; i++) {
        Held held = (Held) sent.get(2 + i).get();
        rf.holds().capture(held.holdId(), 40);
        assertThat(history(rf, fees).getLast().reference()).isEqualTo("b-hold-" + i);
      }
    }
    assertThat(single(rf, EntryQuery.byReference("fee-18")).code()).isEqualTo(3);
    LedgerEntry debit = single(rf, EntryQuery.byReference("b-debit"));
    assertThat(debit.amount()).isEqualTo(-10);
    assertThat(debit.code()).isEqualTo(1);
    assertThat(single(rf, EntryQuery.byReference("b-credit")).metadata())
        .isEqualTo(Map.of("k", "v"));
    List<LedgerEntry> transfer =
        rf.ledger().entries(EntryQuery.byReference("b-transfer"), 10).entries();
    assertThat(transfer).extracting(LedgerEntry::amount).containsExactlyInAnyOrder(-30L, 30L);
    assertThat(rf.ledger().posting(transfer.getFirst().postingId())).hasSize(2);
    assertThat(rf.accounts().balance(fees)).isEqualTo(1_000 - 25 - 1 - 10 - 30 - 80);
    assertThat(rf.accounts().balance(shop)).isEqualTo(1_050);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_keyed_batched_debit_with_another_posting_is_a_conflict_in_a_batch_and_after(
      Racefree rf, DataSource dataSource) throws Exception {
    long a = funded(rf, 100);
    IdempotencyKey key = IdempotencyKey.of("batch", UUID.randomUUID().toString());
    Posting first = Posting.of().reference("order-1");
    try (Batching batching = rf.batching(BatchOptions.defaults().withConnections(1))) {
      CompletableFuture<DebitResult> same;
      CompletableFuture<DebitResult> other;
      try (Connection locker = locked(dataSource, a)) {
        CompletableFuture<DebitResult> gate = batching.debitAsync(a, 1);
        Blocked.awaitWaiters(DSL.using(dataSource, SQLDialect.POSTGRES), 1, Duration.ofSeconds(30));
        same = batching.debitAsync(a, 5, first, key);
        other = batching.debitAsync(a, 5, Posting.of().reference("order-2"), key);
        locker.rollback();
        assertThat(gate.get(30, TimeUnit.SECONDS)).isEqualTo(new Debited(99));
      }
      assertThat(same.get(30, TimeUnit.SECONDS)).isEqualTo(new Debited(94));
      assertThatThrownBy(other::join).hasCauseInstanceOf(IdempotencyConflictException.class);
      assertThat(batching.debit(a, 5, first, key)).isEqualTo(new Debited(94));
      assertThatThrownBy(() -> batching.debit(a, 5, key))
          .isInstanceOf(IdempotencyConflictException.class);
      assertThatThrownBy(() -> batching.debit(a, 5, Posting.of().reference("order-3"), key))
          .isInstanceOf(IdempotencyConflictException.class);
    }
    assertThat(rf.accounts().debit(a, 5, first, key)).isEqualTo(new Debited(94));
    assertThat(rf.accounts().balance(a)).isEqualTo(94);
  }

  @Test
  void a_unique_reference_repeated_in_a_batch_or_against_the_journal_fails_that_request_alone(
      Racefree rf, DataSource dataSource) throws Exception {
    long a = funded(rf, 1_000);
    long b = funded(rf, 1_000);
    long usd = rf.accounts().openExternal("bank:" + UUID.randomUUID(), "USD");
    rf.accounts().credit(a, 10, Posting.of().uniqueReference("in-journal"));
    rf.holds().hold(b, 10, tomorrow, Posting.of().uniqueReference("held-before"));
    IdempotencyKey key = IdempotencyKey.of("batch", UUID.randomUUID().toString());
    Posting journal = Posting.of().uniqueReference("in-journal");
    Posting twice = Posting.of().uniqueReference("twice");
    try (Batching batching = rf.batching(BatchOptions.defaults().withConnections(1))) {
      List<CompletableFuture<?>> passed = new ArrayList<>();
      List<CompletableFuture<?>> duplicates = new ArrayList<>();
      CompletableFuture<?> badExternal;
      try (Connection locker = locked(dataSource, a)) {
        CompletableFuture<DebitResult> gate = batching.debitAsync(a, 1);
        Blocked.awaitWaiters(DSL.using(dataSource, SQLDialect.POSTGRES), 1, Duration.ofSeconds(30));
        duplicates.add(batching.debitAsync(a, 1, journal, key)); // against the journal
        passed.add(batching.creditAsync(b, 1, journal)); // another account may carry it
        passed.add(batching.creditAsync(b, 2, twice));
        duplicates.add(batching.creditAsync(b, 3, twice)); // repeated in the batch
        duplicates.add(batching.transferAsync(a, b, 4, twice)); // b's side carries it
        passed.add(batching.transferAsync(a, b, 5, Posting.of().uniqueReference("moved")));
        duplicates.add(batching.holdAsync(b, 6, tomorrow, twice)); // an entry of b carries it
        duplicates.add(
            batching.holdAsync(b, 7, tomorrow, Posting.of().uniqueReference("held-before")));
        passed.add(batching.holdAsync(a, 8, tomorrow, Posting.of().uniqueReference("held")));
        duplicates.add(batching.holdAsync(a, 9, tomorrow, Posting.of().uniqueReference("held")));
        passed.add(batching.debitAsync(a, 10, Posting.of().uniqueReference("held"))); // as alone
        badExternal = batching.creditAsync(a, 11, Posting.of().external(usd));
        passed.add(batching.debitAsync(a, 12));
        locker.rollback();
        assertThat(gate.get(30, TimeUnit.SECONDS)).isEqualTo(new Debited(1_009));
      }
      for (CompletableFuture<?> f : passed) {
        assertThat(f.get(30, TimeUnit.SECONDS)).isNotNull();
      }
      for (CompletableFuture<?> f : duplicates) {
        assertThatThrownBy(f::join).hasCauseInstanceOf(DuplicateReferenceException.class);
      }
      assertThatThrownBy(badExternal::join)
          .hasCauseInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("posting");
      assertThat(batching.stats().max()).isEqualTo(passed.size() + duplicates.size() + 1);
      // The keyed duplicate kept nothing: its key runs again, and is refused again.
      assertThatThrownBy(() -> batching.debit(a, 1, journal, key))
          .isInstanceOf(DuplicateReferenceException.class);
    }
    assertThat(rf.accounts().balance(a)).isEqualTo(1_010 - 1 - 5 - 10 - 12);
    assertThat(rf.accounts().balance(b)).isEqualTo(1_000 + 1 + 2 + 5);
    assertThat(rf.holds().available(a)).isEqualTo(1_010 - 1 - 5 - 10 - 12 - 8);
    assertThat(rf.holds().available(b)).isEqualTo(1_008 - 10);
    assertThat(rf.ledger().entries(EntryQuery.byReference("twice"), 10).entries()).hasSize(1);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_batched_call_without_a_posting_is_refused_before_it_queues(Racefree rf) {
    try (Batching batching = rf.batching(BatchOptions.defaults().withConnections(1))) {
      IdempotencyKey key = IdempotencyKey.of("batch", "none");
      List<ThrowingCallable> calls =
          List.of(
              () -> batching.debit(1, 1, (Posting) null),
              () -> batching.debit(1, 1, null, key),
              () -> batching.credit(1, 1, (Posting) null),
              () -> batching.credit(1, 1, null, key),
              () -> batching.transfer(1, 2, 1, (Posting) null),
              () -> batching.transfer(1, 2, 1, null, key),
              () -> batching.hold(1, 1, tomorrow, (Posting) null),
              () -> batching.hold(1, 1, tomorrow, null, key));
      for (ThrowingCallable call : calls) {
        assertThatThrownBy(call)
            .isInstanceOf(InvalidArgumentException.class)
            .hasMessageContaining("posting");
      }
      assertThat(batching.stats().requests()).isZero();
    }
  }

  /** A connection holding {@code account}'s row lock until it rolls back: a batch queues behind. */
  private static Connection locked(DataSource dataSource, long account) throws Exception {
    Connection locker = dataSource.getConnection();
    locker.setAutoCommit(false);
    DSL.using(locker)
        .select(ACCOUNTS.ID)
        .from(ACCOUNTS)
        .where(ACCOUNTS.ID.eq(account))
        .forUpdate()
        .fetch();
    return locker;
  }

  private static LedgerEntry single(Racefree rf, EntryQuery query) {
    List<LedgerEntry> found = rf.ledger().entries(query, 10).entries();
    assertThat(found).hasSize(1);
    return found.getFirst();
  }

  private static List<LedgerEntry> history(Racefree rf, long account) {
    return rf.ledger()
        .history(account, Instant.EPOCH, Instant.parse("9999-01-01T00:00:00Z"), 0, 1000);
  }
}
