package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Account;
import dev.racefree.LockPolicy;
import dev.racefree.Racefree;
import dev.racefree.result.ConcurrentModification;
import dev.racefree.result.Debited;
import dev.racefree.result.LockResult;
import dev.racefree.result.Transferred;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hermitage's P4 (lost update) under READ COMMITTED, PostgreSQL's default: T1 reads, T2 reads, T1
 * writes and commits, T2 writes and commits. Latches force that order.
 */
@ExtendWith(PostgresExtension.class)
class LostUpdateTest {

  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final CountDownLatch t2Read = new CountDownLatch(1);
  private final CountDownLatch t1Committed = new CountDownLatch(1);

  @AfterEach
  void stop() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void the_naive_pattern_loses_t1s_update(Racefree rf, DSLContext dsl) throws Exception {
    long id = funded(rf);
    CompletableFuture<Void> t1 =
        CompletableFuture.runAsync(
                () ->
                    dsl.transaction(cfg -> {
                      long read =
                          cfg.dsl()
                              .select(ACCOUNTS.BALANCE)
                              .from(ACCOUNTS)
                              .where(ACCOUNTS.ID.eq(id))
                              .fetchSingle()
                              .value1();
                      Latches.await(t2Read);
                      cfg.dsl()
                          .update(ACCOUNTS)
                          .set(ACCOUNTS.BALANCE, read - 10)
                          .where(ACCOUNTS.ID.eq(id))
                          .execute();
                    }),
                pool)
            .thenRun(t1Committed::countDown);
    dsl.transaction(cfg -> {
      long read =
          cfg.dsl()
              .select(ACCOUNTS.BALANCE)
              .from(ACCOUNTS)
              .where(ACCOUNTS.ID.eq(id))
              .fetchSingle()
              .value1();
      t2Read.countDown();
      Latches.await(t1Committed);
      cfg.dsl()
          .update(ACCOUNTS)
          .set(ACCOUNTS.BALANCE, read - 20)
          .where(ACCOUNTS.ID.eq(id))
          .execute();
    });
    t1.get(30, TimeUnit.SECONDS);
    assertThat(rf.accounts().balance(id)).isEqualTo(80); // not 70: T1's debit of 10 is lost
  }

  @Test
  void atomic_debits_lose_nothing(Racefree rf, DSLContext dsl) throws Exception {
    long id = funded(rf);
    List<Object> results =
        p4(dsl, id, tx -> tx.accounts().debit(id, 10), tx -> tx.accounts().debit(id, 20));
    assertThat(results).containsExactly(new Debited(90), new Debited(70));
    assertThat(rf.accounts().balance(id)).isEqualTo(70);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void the_row_lock_makes_t2_read_after_t1_commits(Racefree rf, DSLContext dsl) throws Exception {
    long id = funded(rf);
    CountDownLatch t1Locked = new CountDownLatch(1);
    CountDownLatch t2Waiting = new CountDownLatch(1);
    CompletableFuture<Object> t1 =
        CompletableFuture.supplyAsync(
            () ->
                rf.accounts()
                    .withLock(
                        id,
                        LockPolicy.waitIndefinitely(),
                        locked -> {
                          long read = locked.balance();
                          t1Locked.countDown();
                          Latches.await(t2Waiting);
                          return locked.debit(read / 10); // decided from the read
                        }),
            pool);
    Latches.await(t1Locked);
    CompletableFuture<Long> t2 =
        CompletableFuture.supplyAsync(
                () ->
                    rf.accounts()
                        .withLock(
                            id,
                            LockPolicy.waitIndefinitely(),
                            locked -> {
                              long read =
                                  locked
                                      .balance(); // blocked until T1 commits, so this read is fresh
                              locked.debit(20);
                              return read;
                            }),
                pool)
            .thenApply(r -> ((LockResult.Acquired<Long>) r).value());
    Blocked.awaitWaiters(dsl, 1, Duration.ofSeconds(30));
    t2Waiting.countDown();

    t1.get(30, TimeUnit.SECONDS);
    assertThat(t2.get(30, TimeUnit.SECONDS)).isEqualTo(90);
    assertThat(rf.accounts().balance(id)).isEqualTo(70);
  }

  @Test
  void the_optimistic_writer_that_read_first_loses_with_a_value(Racefree rf) throws Exception {
    long id = funded(rf);
    Account t2 = rf.accounts().find(id).orElseThrow();
    Account t1 = rf.accounts().find(id).orElseThrow();
    rf.accounts().update(t1, t1.balance() - 10);
    assertThat(rf.accounts().update(t2, t2.balance() - 20))
        .isInstanceOf(ConcurrentModification.class);
    assertThat(rf.accounts().balance(id)).isEqualTo(90);
  }

  @Test
  void transfers_lose_nothing(Racefree rf, DSLContext dsl) throws Exception {
    long id = funded(rf);
    long other = rf.accounts().open("sink", "EUR");
    List<Object> results =
        p4(
            dsl,
            id,
            tx -> tx.accounts().transfer(id, other, 10),
            tx -> tx.accounts().transfer(id, other, 20));
    assertThat(results).allMatch(Transferred.class::isInstance);
    assertThat(rf.accounts().balance(id)).isEqualTo(70);
    assertThat(rf.accounts().balance(other)).isEqualTo(30);
    assertThat(rf.verify().isClean()).isTrue();
  }

  /**
   * P4's order with the writes overlapping: T1 reads, T2 reads, T1 writes, T2 writes (and blocks on
   * T1's row lock, seen in pg_stat_activity), T1 commits, T2 commits. Returns both writes' results,
   * T1's first.
   */
  private List<Object> p4(
      DSLContext dsl,
      long id,
      Function<Racefree, Object> t1Write,
      Function<Racefree, Object> t2Write)
      throws Exception {
    CountDownLatch t1Wrote = new CountDownLatch(1);
    CountDownLatch t2Blocked = new CountDownLatch(1);
    CompletableFuture<Object> t1 =
        CompletableFuture.supplyAsync(
            () ->
                dsl.transactionResult(cfg -> {
                  Racefree tx = Racefree.using(cfg.dsl());
                  tx.accounts().balance(id); // a read, as a caller would do first
                  Latches.await(t2Read);
                  Object written = t1Write.apply(tx);
                  t1Wrote.countDown();
                  Latches.await(t2Blocked);
                  return written;
                }),
            pool);
    CompletableFuture<Object> t2 =
        CompletableFuture.supplyAsync(
            () ->
                dsl.transactionResult(cfg -> {
                  Racefree tx = Racefree.using(cfg.dsl());
                  tx.accounts().balance(id);
                  t2Read.countDown();
                  Latches.await(t1Wrote);
                  return t2Write.apply(
                      tx); // blocks until T1 commits, then re-checks the row PostgreSQL hands it
                }),
            pool);
    Blocked.awaitWaiters(dsl, 1, Duration.ofSeconds(30));
    t2Blocked.countDown();
    return List.of(t1.get(30, TimeUnit.SECONDS), t2.get(30, TimeUnit.SECONDS));
  }

  private static long funded(Racefree rf) {
    long id = rf.accounts().open("p4", "EUR");
    rf.accounts().credit(id, 100);
    return id;
  }
}
