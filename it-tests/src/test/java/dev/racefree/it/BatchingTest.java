package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static dev.racefree.it.Funded.funded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.BatchOptions;
import dev.racefree.Batching;
import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.exception.BatcherClosedException;
import dev.racefree.exception.ConnectionLostException;
import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.Captured;
import dev.racefree.result.CreditResult;
import dev.racefree.result.Credited;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.Held;
import dev.racefree.result.HoldResult;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.SameAccount;
import dev.racefree.result.Transferred;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Batching: many requests per transaction, each answered exactly as it would have been alone, and
 * only after its batch committed. Batches are made deterministic, where a test needs them so, by
 * holding an account's row lock from another connection: the batch in the database waits on it, and
 * everything sent meanwhile queues for the next.
 */
@ExtendWith(PostgresExtension.class)
class BatchingTest {

  @Test
  void sixty_four_threads_on_one_account_are_exact_never_below_the_bound_and_answered_once(
      Racefree rf, DSLContext dsl) throws Exception {
    long a = funded(rf, 1_000);
    List<List<DebitResult>> results;
    try (Batching batching = rf.batching(BatchOptions.defaults())) {
      results =
          Race.run(
              64,
              (t, barrier) -> {
                List<DebitResult> mine = new ArrayList<>();
                for (int i = 0; i < 20; i++) {
                  mine.add(batching.debit(a, 1));
                }
                return mine;
              });
      assertThat(batching.stats().requests()).isEqualTo(64 * 20);
    }
    List<DebitResult> all = results.stream().flatMap(List::stream).toList();
    assertThat(all).hasSize(1_280);
    assertThat(all).filteredOn(Debited.class::isInstance).hasSize(1_000);
    assertThat(all).filteredOn(r -> !(r instanceof Debited)).containsOnly(new InsufficientFunds(0));
    assertThat(all.stream().filter(Debited.class::isInstance).map(r -> ((Debited) r).balance()))
        .doesNotHaveDuplicates(); // each balance from 999 down to 0 seen exactly once
    assertThat(rf.accounts().balance(a)).isZero();
    assertThat(dsl.fetchCount(LEDGER_ENTRIES, LEDGER_ENTRIES.ACCOUNT_ID.eq(a))).isEqualTo(1_001);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void batched_and_unbatched_writers_on_the_same_rows_at_the_same_time_stay_exact(Racefree rf)
      throws Exception {
    long a = funded(rf, 5_000);
    long b = funded(rf, 5_000);
    List<Long> moved;
    try (Batching batching = rf.batching(BatchOptions.defaults().withConnections(2))) {
      moved =
          Race.run(
              32,
              (t, barrier) -> {
                long net = 0; // what left a for outside (debits minus credits)
                for (int i = 0; i < 25; i++) {
                  boolean batched = t % 2 == 0;
                  switch (i % 3) {
                    case 0 ->
                        net +=
                            (batched ? batching.debit(a, 3) : rf.accounts().debit(a, 3))
                                    instanceof Debited
                                ? 3
                                : 0;
                    case 1 ->
                        net -=
                            (batched ? batching.credit(b, 2) : rf.accounts().credit(b, 2))
                                    instanceof Credited
                                ? 2
                                : 0;
                    default -> {
                      var r =
                          batched ? batching.transfer(b, a, 5) : rf.accounts().transfer(a, b, 5);
                      assertThat(r).isInstanceOf(Transferred.class);
                    }
                  }
                }
                return net;
              });
    }
    long net = moved.stream().mapToLong(Long::longValue).sum();
    assertThat(rf.accounts().balance(a) + rf.accounts().balance(b)).isEqualTo(10_000 - net);
    assertThat(net).isEqualTo(32 * 9 * 3 - 32 * 8 * 2); // nothing refused: all of it moved
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void mixed_requests_in_one_batch_each_get_their_own_result(
      Racefree rf, DSLContext dsl, DataSource dataSource) throws Exception {
    long gate = funded(rf, 10);
    long a = funded(rf, 100);
    long b = funded(rf, 0);
    long capped = funded(rf, 0);
    rf.limits().set(capped, 0, 50L);
    long closed = funded(rf, 0);
    rf.lifecycle().close(closed);
    IdempotencyKey once = IdempotencyKey.of("batch", "once");
    Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
    CompletableFuture<HoldResult> hold;
    CompletableFuture<HoldResult> keyedHold;
    try (Batching batching = rf.batching(BatchOptions.defaults().withConnections(1));
        Connection locker = dataSource.getConnection()) {
      CompletableFuture<DebitResult> first = holdWhile(locker, dsl, gate, batching);
      var debit = batching.debitAsync(a, 60, once);
      var again = batching.debitAsync(a, 60, once); // same key, same request: applied once
      var conflict = batching.debitAsync(a, 61, once);
      hold = batching.holdAsync(a, 30, tomorrow);
      var tooMuch = batching.debitAsync(a, 50);
      var holdTooMuch = batching.holdAsync(a, 20, tomorrow);
      var credit = batching.creditAsync(a, 10);
      var transfer = batching.transferAsync(a, b, 20);
      var same = batching.transferAsync(a, a, 1);
      var missing = batching.debitAsync(Long.MAX_VALUE, 1);
      var overLimit = batching.creditAsync(capped, 51);
      var toClosed = batching.debitAsync(closed, 1);
      keyedHold = batching.holdAsync(b, 5, tomorrow, IdempotencyKey.of("batch", "hold"));
      var keyedAgain = batching.holdAsync(b, 5, tomorrow, IdempotencyKey.of("batch", "hold"));
      locker.rollback(); // the gate opens: the first batch commits, then all of the above at once
      assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(new Debited(9));
      assertThat(debit.get(30, TimeUnit.SECONDS)).isEqualTo(new Debited(40));
      assertThat(again.get(30, TimeUnit.SECONDS)).isEqualTo(new Debited(40));
      assertThatThrownBy(conflict::get).hasCauseInstanceOf(IdempotencyConflictException.class);
      assertThat(hold.get()).isInstanceOf(Held.class).extracting("available").isEqualTo(10L);
      assertThat(tooMuch.get()).isEqualTo(new InsufficientFunds(10));
      assertThat(holdTooMuch.get()).isEqualTo(new InsufficientFunds(10));
      assertThat(credit.get()).isEqualTo(new Credited(50));
      assertThat(transfer.get()).isEqualTo(new Transferred(30, 20));
      assertThat(same.get()).isEqualTo(new SameAccount(a));
      assertThat(missing.get()).isEqualTo(new NoSuchAccount(Long.MAX_VALUE));
      assertThat(overLimit.get()).isEqualTo(new LimitExceeded(capped, 0, 50));
      assertThat(toClosed.get()).isEqualTo(new AccountClosed(closed));
      assertThat(keyedHold.get()).isInstanceOf(Held.class).isEqualTo(keyedAgain.get());
      assertThat(((Held) keyedHold.get()).available()).isEqualTo(15);
      assertThat(batching.stats().batches()).isEqualTo(2);
      assertThat(batching.stats().max()).isEqualTo(14);
    }
    assertThat(rf.accounts().debit(a, 60, once)).isEqualTo(new Debited(40)); // the key is kept
    assertThat(rf.holds().hold(b, 5, tomorrow, IdempotencyKey.of("batch", "hold")))
        .isEqualTo(keyedHold.get()); // and the hold's, with its id, for the single operation too
    long holdId = ((Held) hold.get()).holdId();
    assertThat(dsl.fetchCount(HOLDS)).isEqualTo(2);
    assertThat(rf.holds().available(a)).isZero();
    assertThat(rf.holds().capture(holdId, 30)).isEqualTo(new Captured(30, 0));
    assertThat(rf.accounts().balance(b)).isEqualTo(20);
    assertThat(rf.holds().available(b)).isEqualTo(15);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void repeats_of_a_key_in_one_batch_follow_what_the_key_decided_and_apply_at_most_once(
      Racefree rf, DSLContext dsl, DataSource dataSource) throws Exception {
    long gate = funded(rf, 10);
    long a = funded(rf, 100);
    long capped = funded(rf, 50);
    rf.limits().set(capped, 0, 50L);
    IdempotencyKey earlier = IdempotencyKey.of("batch", "earlier");
    IdempotencyKey taken = IdempotencyKey.of("batch", "taken");
    IdempotencyKey refusedFirst = IdempotencyKey.of("batch", "refused-first");
    assertThat(rf.accounts().debit(a, 30, earlier)).isEqualTo(new Debited(70));
    assertThat(rf.accounts().debit(a, 1, taken)).isEqualTo(new Debited(69));
    List<CompletableFuture<DebitResult>> replays = new ArrayList<>();
    List<CompletableFuture<DebitResult>> conflicts = new ArrayList<>();
    List<CompletableFuture<CreditResult>> credits = new ArrayList<>();
    try (Batching batching = rf.batching(BatchOptions.defaults().withConnections(1));
        Connection locker = dataSource.getConnection()) {
      CompletableFuture<DebitResult> first = holdWhile(locker, dsl, gate, batching);
      for (int i = 0; i < 4; i++) {
        replays.add(batching.debitAsync(a, 30, earlier)); // the key's stored outcome, each
        conflicts.add(batching.debitAsync(a, 2, taken)); // another request under a used key
      }
      credits.add(batching.creditAsync(capped, 10, refusedFirst)); // over the maximum: not kept
      var room = batching.debitAsync(capped, 10); // makes room for the next repeat
      credits.add(batching.creditAsync(capped, 10, refusedFirst)); // judged again: kept
      credits.add(batching.creditAsync(capped, 10, refusedFirst)); // replays the kept one
      locker.rollback();
      assertThat(first.get(30, TimeUnit.SECONDS)).isEqualTo(new Debited(9));
      assertThat(room.get(30, TimeUnit.SECONDS)).isEqualTo(new Debited(40));
      assertThat(batching.stats().batches()).isEqualTo(2);
    }
    assertThat(replays).allSatisfy(r -> assertThat(r.get()).isEqualTo(new Debited(70)));
    assertThat(conflicts)
        .allSatisfy(
            c -> assertThatThrownBy(c::get).hasCauseInstanceOf(IdempotencyConflictException.class));
    assertThat(credits.stream().map(CompletableFuture::join))
        .containsExactly(new LimitExceeded(capped, 50, 50), new Credited(50), new Credited(50));
    assertThat(rf.accounts().credit(capped, 10, refusedFirst)).isEqualTo(new Credited(50));
    assertThat(rf.accounts().balance(a)).isEqualTo(69); // nothing applied twice
    assertThat(rf.accounts().balance(capped)).isEqualTo(50);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void killing_the_batch_backend_applies_none_of_it_fails_all_of_it_and_keyed_replays_apply_once(
      Racefree rf, DSLContext dsl, DataSource dataSource) throws Exception {
    long a = funded(rf, 1_000);
    List<IdempotencyKey> keys = new ArrayList<>();
    for (int i = 0; i < 16; i++) {
      keys.add(IdempotencyKey.of("kill", "request-" + i));
    }
    try (Batching batching = rf.batching(BatchOptions.defaults().withConnections(1));
        Connection locker = dataSource.getConnection()) {
      locker.setAutoCommit(false);
      DSL.using(locker)
          .select(ACCOUNTS.ID)
          .from(ACCOUNTS)
          .where(ACCOUNTS.ID.eq(a))
          .forUpdate()
          .fetch();
      List<CompletableFuture<DebitResult>> sent = new ArrayList<>();
      for (IdempotencyKey key : keys) {
        sent.add(batching.debitAsync(a, 10, key));
      }
      int kills = 0;
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (!sent.stream().allMatch(CompletableFuture::isDone)) { // each batch waits, is killed
        assertThat(System.nanoTime()).as("every batch killed within 60 s").isLessThan(deadline);
        kills += Blocked.waitingForLocks(dsl) > 0 ? Blocked.terminateWaiters(dsl) : 0;
        Thread.onSpinWait();
      }
      assertThat(kills).isPositive();
      for (CompletableFuture<DebitResult> f : sent) {
        assertThatThrownBy(f::join)
            .isInstanceOf(CompletionException.class)
            .hasCauseInstanceOf(ConnectionLostException.class);
      }
      locker.rollback();
      assertThat(rf.accounts().balance(a)).isEqualTo(1_000); // none of it was applied
      assertThat(dsl.fetchCount(LEDGER_ENTRIES, LEDGER_ENTRIES.ACCOUNT_ID.eq(a))).isOne();

      List<DebitResult> replayed = new ArrayList<>();
      for (IdempotencyKey key : keys) {
        replayed.add(batching.debit(a, 10, key));
      }
      for (IdempotencyKey key : keys) {
        assertThat(batching.debit(a, 10, key)).isEqualTo(replayed.get(keys.indexOf(key)));
      }
      assertThat(replayed).allMatch(Debited.class::isInstance);
    }
    assertThat(rf.accounts().balance(a)).isEqualTo(1_000 - 16 * 10);
    assertThat(dsl.fetchCount(LEDGER_ENTRIES, LEDGER_ENTRIES.ACCOUNT_ID.eq(a))).isEqualTo(17);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void closing_answers_every_queued_request_and_refuses_new_ones(
      Racefree rf, DSLContext dsl, DataSource dataSource) throws Exception {
    long gate = funded(rf, 10);
    long a = funded(rf, 1_000);
    List<CompletableFuture<DebitResult>> queued = new ArrayList<>();
    Batching batching = rf.batching(BatchOptions.defaults().withConnections(1));
    CompletableFuture<Void> closing;
    try (Connection locker = dataSource.getConnection()) {
      queued.add(holdWhile(locker, dsl, gate, batching));
      for (int i = 0; i < 50; i++) {
        queued.add(batching.debitAsync(a, 1));
      }
      closing = CompletableFuture.runAsync(batching::close);
      while (true) { // until close() has begun: then nothing more is taken
        try {
          batching.debitAsync(a, 1).cancel(false); // taken before close began: answered anyway
        } catch (BatcherClosedException expected) {
          break;
        }
      }
      locker.rollback();
    }
    closing.get(60, TimeUnit.SECONDS);
    assertThat(queued).allMatch(f -> f.isDone() && !f.isCompletedExceptionally());
    assertThat(queued.subList(1, 51)).allMatch(f -> f.join() instanceof Debited);
    assertThatThrownBy(() -> batching.debit(a, 1)).isInstanceOf(BatcherClosedException.class);
    long taken = 1_000 - rf.accounts().balance(a);
    assertThat(taken).isGreaterThanOrEqualTo(50);
    assertThat(dsl.fetchCount(LEDGER_ENTRIES, LEDGER_ENTRIES.ACCOUNT_ID.eq(a)))
        .isEqualTo(1 + taken);
  }

  @Test
  void batching_needs_a_pool_and_sane_options(DSLContext dsl) throws Exception {
    try (Connection c = dsl.configuration().connectionProvider().acquire()) {
      assertThatThrownBy(() -> Racefree.using(DSL.using(c)).batching(BatchOptions.defaults()))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("DataSource");
    }
    assertThatThrownBy(() -> new BatchOptions(0, 1)).hasMessageContaining("maxBatchSize");
    assertThatThrownBy(() -> new BatchOptions(10, 0)).hasMessageContaining("connections");
    assertThatThrownBy(() -> BatchOptions.defaults().withMaxBatchSize(2_001))
        .isInstanceOf(InvalidArgumentException.class);
  }

  /**
   * A batch on a SERIALIZABLE pool that loses a serialization race retries at READ COMMITTED, as a
   * single operation does: its second attempt waits for the next writer of the hot row and then
   * goes through, instead of failing again on every writer that commits under it.
   */
  @Test
  void a_batch_on_a_serializable_pool_retries_at_read_committed(
      DSLContext dsl, DataSource dataSource) throws Exception {
    Recorder rec = new Recorder();
    Racefree rf = Racefree.using(TestDatabase.get().dsl(Isolation.SERIALIZABLE)).withObserver(rec);
    long gate = funded(rf, 10);
    long hot = funded(rf, 100);
    try (Batching batching = rf.batching(BatchOptions.defaults().withConnections(1));
        Connection locker = dataSource.getConnection();
        Connection firstWriter = dataSource.getConnection();
        Connection secondWriter = dataSource.getConnection()) {
      CompletableFuture<DebitResult> opened = holdWhile(locker, dsl, gate, batching);
      var one = batching.debitAsync(hot, 1);
      var two = batching.debitAsync(hot, 2);
      firstWriter.setAutoCommit(false);
      touch(firstWriter, hot); // holds the hot row, uncommitted
      locker.rollback(); // the gate's batch ends; the next batch (one, two) waits on the hot row
      assertThat(opened.get(30, TimeUnit.SECONDS)).isEqualTo(new Debited(9));
      Blocked.awaitWaiters(dsl, 1, Duration.ofSeconds(30));
      secondWriter.setAutoCommit(false);
      CompletableFuture<Void> second =
          CompletableFuture.runAsync(() -> {
            try {
              touch(secondWriter, hot); // queues behind the batch
            } catch (Exception e) {
              throw new CompletionException(e);
            }
          });
      Blocked.awaitWaiters(dsl, 2, Duration.ofSeconds(30));
      firstWriter.commit(); // the batch's first attempt fails (40001); the second writer goes next
      second.get(30, TimeUnit.SECONDS);
      Blocked.awaitWaiters(dsl, 1, Duration.ofSeconds(30)); // the retry waits on the second writer
      secondWriter.commit();
      assertThat(one.get(30, TimeUnit.SECONDS)).isEqualTo(new Debited(99));
      assertThat(two.get(30, TimeUnit.SECONDS)).isEqualTo(new Debited(97));
    }
    assertThat(rec.ends("batching.debit"))
        .as("the gate alone, then the batch: its lost race and one retry that went through")
        .extracting(Recorder.Event::retries)
        .containsExactly(0, 1, 1);
    assertThat(rf.verify().isClean()).isTrue();
  }

  /** Changes {@code id}'s row without changing its money: a writer racefree must wait for. */
  private static void touch(Connection c, long id) {
    DSL.using(c)
        .update(ACCOUNTS)
        .set(ACCOUNTS.UPDATED_AT, DSL.currentOffsetDateTime())
        .where(ACCOUNTS.ID.eq(id))
        .execute();
  }

  /**
   * Locks {@code gate}'s row on {@code locker}, sends one debit of it and waits until that batch
   * waits on the lock: from then on everything sent queues for the next batch. Roll {@code locker}
   * back to let them through.
   */
  private static CompletableFuture<DebitResult> holdWhile(
      Connection locker, DSLContext dsl, long gate, Batching batching) throws Exception {
    locker.setAutoCommit(false);
    DSL.using(locker)
        .select(ACCOUNTS.ID)
        .from(ACCOUNTS)
        .where(ACCOUNTS.ID.eq(gate))
        .forUpdate()
        .fetch();
    CompletableFuture<DebitResult> first = batching.debitAsync(gate, 1);
    Blocked.awaitWaiters(dsl, 1, Duration.ofSeconds(30));
    return first;
  }
}
