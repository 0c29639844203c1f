package dev.racefree.it;

import static dev.racefree.it.Funded.funded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.Account;
import dev.racefree.BatchOptions;
import dev.racefree.Batching;
import dev.racefree.IdempotencyKey;
import dev.racefree.LedgerEntry;
import dev.racefree.Leg;
import dev.racefree.LockPolicy;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.it.Recorder.Event;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.Held;
import dev.racefree.result.LockResult;
import dev.racefree.result.Retried;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What a {@link dev.racefree.RacefreeObserver} is told, against a real PostgreSQL. */
@ExtendWith(PostgresExtension.class)
class ObserverTest {

  @Test
  void every_public_operation_reports_exactly_one_start_and_one_end(Racefree plain) {
    Recorder rec = new Recorder();
    Racefree rf = plain.withObserver(rec);
    Instant later = Instant.now().plusSeconds(3_600);
    long a = rf.accounts().open("alice", "EUR");
    long b = rf.accounts().open("bob", "EUR");
    long c = rf.accounts().open("carol", "EUR");
    rf.accounts().credit(a, 1_000);
    rf.accounts().debit(a, 10);
    rf.accounts().debit(a, 1_000_000);
    rf.accounts().balance(a);
    Account read = rf.accounts().find(a).orElseThrow();
    rf.accounts().debitUpTo(a, 5);
    rf.accounts().transfer(a, b, 10);
    rf.accounts().withLock(a, LockPolicy.waitIndefinitely(), locked -> locked.debit(1));
    rf.accounts().update(read, 7); // stale: ConcurrentModification
    rf.accounts().modify(a, RetryPolicy.attempts(3), balance -> balance + 1);
    rf.transfers().transfer(List.of(new Leg(a, b, 1)));
    long hold = ((Held) rf.holds().hold(a, 5, later)).holdId();
    long heldTransfer = ((Held) rf.holds().holdTransfer(a, b, 5, later)).holdId();
    rf.holds().capture(hold, 5);
    rf.holds().release(heldTransfer);
    rf.holds().available(a);
    rf.holds().sweepExpired();
    rf.tokens().redeem(rf.tokens().issue("invite", later).value(), "dora");
    String quota = java.util.UUID.randomUUID().toString();
    rf.quotas().consume("observed", quota, 1, 1, dev.racefree.Period.total());
    rf.quotas().consume("observed", quota, 1, 1, dev.racefree.Period.total());
    rf.codes().redeem(rf.codes().generate("gift", dev.racefree.CodeRules.uses(1)).value(), "eve");
    rf.limits().set(b, 0, null);
    rf.lifecycle().freeze(c);
    rf.lifecycle().unfreeze(c);
    rf.lifecycle().close(c);
    List<LedgerEntry> entries = rf.ledger().history(a, Instant.EPOCH, later, 0, 100);
    rf.ledger().balanceAt(a, later);
    rf.ledger()
        .reverse(
            entries.stream()
                .filter(e -> e.kind() == LedgerEntry.Kind.TRANSFER)
                .findFirst()
                .orElseThrow()
                .correlationId());
    rf.verify();
    rf.purgeExpiredKeys();
    rf.inTransaction(RetryPolicy.attempts(3), tx -> tx.accounts().debit(a, 1));

    List<Event> starts = rec.of("start");
    List<Event> ends = rec.of("end");
    assertThat(starts)
        .extracting(Event::operation)
        .containsExactly(
            "accounts.open",
            "accounts.open",
            "accounts.open",
            "accounts.credit",
            "accounts.debit",
            "accounts.debit",
            "accounts.balance",
            "accounts.find",
            "accounts.debitUpTo",
            "accounts.transfer",
            "accounts.withLock",
            "accounts.update",
            "accounts.modify",
            "transfers.transfer",
            "holds.hold",
            "holds.holdTransfer",
            "holds.capture",
            "holds.release",
            "holds.available",
            "holds.sweepExpired",
            "tokens.issue",
            "tokens.redeem",
            "quotas.consume",
            "quotas.consume",
            "codes.generate",
            "codes.redeem",
            "limits.set",
            "lifecycle.freeze",
            "lifecycle.unfreeze",
            "lifecycle.close",
            "ledger.history",
            "ledger.balanceAt",
            "ledger.reverse",
            "racefree.verify",
            "racefree.purgeExpiredKeys",
            "racefree.inTransaction",
            "accounts.debit");
    assertThat(ends)
        .extracting(e -> e.operation() + " " + e.outcome())
        .containsExactly(
            "accounts.open Ok",
            "accounts.open Ok",
            "accounts.open Ok",
            "accounts.credit Credited",
            "accounts.debit Debited",
            "accounts.debit InsufficientFunds",
            "accounts.balance Ok",
            "accounts.find Ok",
            "accounts.debitUpTo DebitedUpTo",
            "accounts.transfer Transferred",
            "accounts.withLock Acquired",
            "accounts.update ConcurrentModification",
            "accounts.modify Updated",
            "transfers.transfer LegsTransferred",
            "holds.hold Held",
            "holds.holdTransfer Held",
            "holds.capture Captured",
            "holds.release Released",
            "holds.available Ok",
            "holds.sweepExpired Ok",
            "tokens.issue Ok",
            "tokens.redeem Redeemed",
            "quotas.consume Consumed",
            "quotas.consume QuotaExhausted",
            "codes.generate Ok",
            "codes.redeem CodeRedeemed",
            "limits.set LimitsSet",
            "lifecycle.freeze StateChanged",
            "lifecycle.unfreeze StateChanged",
            "lifecycle.close StateChanged",
            "ledger.history Ok",
            "ledger.balanceAt Ok",
            "ledger.reverse Reversed",
            "racefree.verify Ok",
            "racefree.purgeExpiredKeys Ok",
            "accounts.debit Debited", // inside the transaction, which ends after it
            "racefree.inTransaction Ok");
    assertThat(ends)
        .allSatisfy(e -> {
          assertThat(e.replayed()).isFalse();
          assertThat(e.retries()).isZero();
        });
  }

  @Test
  void debits_report_their_outcome_and_a_keyed_repeat_reports_a_replay(Racefree plain) {
    Recorder rec = new Recorder();
    Racefree rf = plain.withObserver(rec);
    long a = funded(plain, 100);
    IdempotencyKey key = IdempotencyKey.of("observer", "k1");

    assertThat(rf.accounts().debit(a, 30, key)).isEqualTo(new Debited(70));
    assertThat(rf.accounts().debit(a, 30, key)).isEqualTo(new Debited(70));
    assertThat(rf.accounts().debit(a, 500)).isNotInstanceOf(Debited.class);

    assertThat(rec.ends("accounts.debit"))
        .extracting(e -> e.outcome() + " " + e.replayed() + " " + e.retries())
        .containsExactly("Debited false 0", "Debited true 0", "InsufficientFunds false 0");
    assertThat(plain.accounts().balance(a)).isEqualTo(70);
  }

  @Test
  void a_transaction_retried_after_a_real_deadlock_reports_its_retry(Racefree plain)
      throws Exception {
    Recorder rec = new Recorder();
    Racefree rf = plain.withObserver(rec);
    long a = funded(plain, 100);
    long b = funded(plain, 100);
    List<Retried<Object>> results = OppositeLocks.race(rf, a, b);

    // A victim's retry can meet the winner again (a second deadlock), so count, not pin, retries.
    int retries = results.stream().mapToInt(r -> r.attempts() - 1).sum();
    assertThat(retries).isPositive();
    assertThat(rec.ends("racefree.inTransaction"))
        .extracting(e -> e.outcome() + " " + e.retries())
        .containsExactlyInAnyOrderElementsOf(
            results.stream().map(r -> "Ok " + (r.attempts() - 1)).toList());
    assertThat(rec.ends("accounts.withLock"))
        .extracting(Event::outcome)
        .filteredOn("DeadlockDetectedException"::equals)
        .hasSize(retries);
    assertThat(plain.accounts().balance(a)).isEqualTo(100);
  }

  @Test
  void batches_report_sizes_summing_to_the_requests_and_each_request_one_end(Racefree plain)
      throws Exception {
    Recorder rec = new Recorder();
    Racefree rf = plain.withObserver(rec);
    long a = funded(plain, 1_000);
    int threads = 16;
    int each = 25;
    try (Batching batching = rf.batching(BatchOptions.defaults())) {
      Race.run(
          threads,
          (t, barrier) -> {
            List<DebitResult> mine = new ArrayList<>();
            for (int i = 0; i < each; i++) {
              mine.add(batching.debit(a, 1));
            }
            return mine;
          });
    }
    assertThat(rec.of("batch")).extracting(Event::operation).containsOnly("batching.batch");
    assertThat(rec.of("batch").stream().mapToLong(Event::amount).sum())
        .isEqualTo((long) threads * each);
    assertThat(rec.of("start")).extracting(Event::operation).containsOnly("batching.debit");
    assertThat(rec.ends("batching.debit")).hasSize(threads * each);
    assertThat(rec.ends("batching.debit")).extracting(Event::outcome).containsOnly("Debited");
    assertThat(plain.accounts().balance(a)).isEqualTo(1_000 - threads * each);
  }

  @Test
  void of_concurrent_batched_requests_under_one_key_exactly_one_is_not_a_replay(Racefree plain)
      throws Exception {
    Recorder rec = new Recorder();
    Racefree rf = plain.withObserver(rec);
    long a = funded(plain, 1_000);
    IdempotencyKey key = IdempotencyKey.of("observer", "batched");
    try (Batching batching = rf.batching(BatchOptions.defaults())) {
      List<DebitResult> results = Race.run(16, (t, barrier) -> batching.debit(a, 5, key));
      assertThat(results).containsOnly(new Debited(995));
      assertThat(batching.debit(a, 5, key)).isEqualTo(new Debited(995)); // alone, afterwards
    }
    List<Event> ends = rec.ends("batching.debit");
    assertThat(ends).hasSize(17);
    assertThat(ends).filteredOn(e -> !e.replayed()).hasSize(1);
    assertThat(ends.getLast().replayed()).isTrue();
    assertThat(plain.accounts().balance(a)).isEqualTo(995);
  }

  @Test
  void with_lock_reports_its_wait_and_a_lock_not_had_is_not_acquired(Racefree plain, DSLContext dsl)
      throws Exception {
    Recorder rec = new Recorder();
    Racefree rf = plain.withObserver(rec);
    long a = funded(plain, 100);
    long b = funded(plain, 100);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<?> holder =
          pool.submit(() ->
              plain
                  .accounts()
                  .withLock(
                      a,
                      LockPolicy.waitIndefinitely(),
                      locked -> {
                        held.countDown();
                        Latches.await(release);
                        return null;
                      }));
      Latches.await(held);
      assertThat(rf.accounts().withLock(a, LockPolicy.noWait(), locked -> 1))
          .isInstanceOf(LockResult.NotAcquired.class);
      Future<LockResult<Long>> waiter =
          pool.submit(() ->
              rf.accounts().withLock(a, LockPolicy.waitIndefinitely(), locked -> locked.balance()));
      Blocked.awaitWaiters(dsl, 1, Duration.ofSeconds(30)); // it really waits for the lock
      release.countDown();
      holder.get(30, TimeUnit.SECONDS);
      assertThat(waiter.get(30, TimeUnit.SECONDS)).isEqualTo(new LockResult.Acquired<>(100L));
    } finally {
      release.countDown();
      pool.shutdownNow();
      assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    }
    rf.accounts().transfer(a, b, 1);

    assertThat(rec.ends("accounts.withLock"))
        .extracting(Event::outcome)
        .containsExactly("NotAcquired", "Acquired");
    assertThat(rec.of("lock"))
        .extracting(Event::operation)
        .containsExactly("accounts.withLock", "accounts.withLock", "accounts.transfer");
    assertThat(rec.of("lock")).allSatisfy(e -> assertThat(e.amount()).isPositive());
  }

  @Test
  void the_callers_exception_propagates_unchanged_and_is_the_outcome(Racefree plain) {
    Recorder rec = new Recorder();
    Racefree rf = plain.withObserver(rec);
    long a = funded(plain, 100);
    IllegalStateException mine = new IllegalStateException("the caller's own");
    assertThatThrownBy(() ->
            rf.accounts()
                .withLock(
                    a,
                    LockPolicy.waitIndefinitely(),
                    locked -> {
                      locked.debit(40);
                      throw mine;
                    }))
        .isSameAs(mine);
    assertThat(rec.ends("accounts.withLock"))
        .extracting(Event::outcome)
        .containsExactly("IllegalStateException");
    assertThat(plain.accounts().balance(a)).isEqualTo(100); // rolled back
  }

  @Test
  void an_observer_that_throws_changes_no_outcome(Racefree plain) {
    Racefree rf =
        plain.withObserver(operation ->
            (outcome, replayed, retries) -> {
              throw new IllegalStateException("a broken observer");
            });
    long a = funded(rf, 100);
    assertThat(rf.accounts().debit(a, 30)).isEqualTo(new Debited(70));
    assertThat(rf.accounts().balance(a)).isEqualTo(70);
  }
}
