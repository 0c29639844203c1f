package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.val;

import dev.racefree.LockPolicy;
import dev.racefree.Racefree;
import dev.racefree.exception.ConnectionLostException;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.LockResult;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class PessimisticLockTest {

  static final int THREADS = 32;

  private final ExecutorService pool = Executors.newCachedThreadPool();

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void a_wide_read_decide_write_gap_under_the_lock_loses_no_update(Racefree rf, DSLContext dsl)
      throws Exception {
    // Every thread holds its connection while queued on the lock, and the watcher counts them.
    TestDatabase.requireAtOnce(THREADS + 1, "32 threads queued on one row lock and the watcher");
    long id = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(id, 1_000);
    AtomicBoolean first = new AtomicBoolean(true);

    List<Boolean> sawChange =
        Race.run(
            THREADS,
            (t, barrier) -> {
              LockResult<Boolean> r =
                  rf.accounts()
                      .withLock(
                          id,
                          LockPolicy.waitIndefinitely(),
                          locked -> {
                            long read = locked.balance();
                            if (first.getAndSet(false)) {
                              // Hold the gap open until every other thread is provably queued on
                              // this row's lock.
                              Blocked.awaitWaiters(dsl, THREADS - 1, Duration.ofSeconds(30));
                            }
                            long now =
                                locked
                                    .dsl()
                                    .select(ACCOUNTS.BALANCE)
                                    .from(ACCOUNTS)
                                    .where(ACCOUNTS.ID.eq(id))
                                    .fetchSingle()
                                    .value1();
                            assertThat(locked.debit(read / 100))
                                .isInstanceOf(Debited.class); // decided from the read
                            return now != read;
                          });
              return ((LockResult.Acquired<Boolean>) r).value();
            });

    assertThat(sawChange).containsOnly(false);
    long expected = 1_000;
    for (int i = 0; i < THREADS; i++) {
      expected -= expected / 100;
    }
    assertThat(rf.accounts().balance(id)).isEqualTo(expected);
  }

  @Test
  void killing_the_lock_holder_releases_the_lock(Racefree rf, DSLContext dsl) throws Exception {
    long id = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(id, 100);
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch killed = new CountDownLatch(1);
    int[] pid = new int[1];

    CompletableFuture<Object> holder =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return rf.accounts()
                    .withLock(
                        id,
                        LockPolicy.waitIndefinitely(),
                        locked -> {
                          pid[0] =
                              locked
                                  .dsl()
                                  .select(function("pg_backend_pid", Integer.class))
                                  .fetchSingle()
                                  .value1();
                          holding.countDown();
                          Latches.await(killed);
                          return locked.debit(1); // its connection is gone: this must fail
                        });
              } catch (RuntimeException e) {
                return e;
              }
            },
            pool);
    assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();
    CompletableFuture<LockResult<DebitResult>> waiter =
        CompletableFuture.supplyAsync(
            () ->
                rf.accounts()
                    .withLock(id, LockPolicy.waitIndefinitely(), locked -> locked.debit(10)),
            pool);
    Blocked.awaitWaiters(dsl, 1, Duration.ofSeconds(30));

    assertThat(
            dsl.select(function("pg_terminate_backend", Boolean.class, val(pid[0])))
                .fetchSingle()
                .value1())
        .isTrue();
    killed.countDown();

    assertThat(holder.get(30, TimeUnit.SECONDS)).isInstanceOf(ConnectionLostException.class);
    assertThat(waiter.get(30, TimeUnit.SECONDS))
        .isEqualTo(new LockResult.Acquired<>(new Debited(90)));
    assertThat(rf.accounts().balance(id)).isEqualTo(90);
  }

  @Test
  void no_wait_and_wait_at_most_give_typed_outcomes_while_the_row_is_held(
      Racefree rf, DSLContext dsl) throws Exception {
    long id = rf.accounts().open("carol", "EUR");
    rf.accounts().credit(id, 50);
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    CompletableFuture<LockResult<DebitResult>> holder =
        CompletableFuture.supplyAsync(
            () ->
                rf.accounts()
                    .withLock(
                        id,
                        LockPolicy.waitIndefinitely(),
                        locked -> {
                          holding.countDown();
                          Latches.await(release);
                          return locked.debit(5);
                        }),
            pool);
    assertThat(holding.await(30, TimeUnit.SECONDS)).isTrue();

    assertThat(rf.accounts().withLock(id, LockPolicy.noWait(), locked -> locked.debit(1)))
        .isEqualTo(new LockResult.NotAcquired<>(id));
    assertThat(
            rf.accounts()
                .withLock(
                    id, LockPolicy.waitAtMost(Duration.ofMillis(50)), locked -> locked.debit(1)))
        .isEqualTo(new LockResult.NotAcquired<>(id));

    release.countDown();
    assertThat(holder.get(30, TimeUnit.SECONDS))
        .isEqualTo(new LockResult.Acquired<>(new Debited(45)));
    assertThat(rf.accounts().withLock(id, LockPolicy.noWait(), locked -> locked.debit(1)))
        .isEqualTo(new LockResult.Acquired<>(new Debited(44)));
    assertThat(rf.accounts().balance(id)).isEqualTo(44);
  }

  @Test
  void wait_at_most_inside_a_caller_transaction_restores_lock_timeout(Racefree rf, DSLContext dsl) {
    long id = rf.accounts().open("dave", "EUR");
    String after =
        dsl.transactionResult(cfg -> {
          DSLContext tx = cfg.dsl();
          tx.select(function("set_config", String.class, val("lock_timeout"), val("7s"), val(true)))
              .fetch();
          Racefree.using(tx)
              .accounts()
              .withLock(
                  id, LockPolicy.waitAtMost(Duration.ofMillis(250)), locked -> locked.credit(1));
          return tx.select(function("current_setting", String.class, val("lock_timeout")))
              .fetchSingle()
              .value1();
        });
    assertThat(after).isEqualTo("7s");
    assertThat(rf.accounts().balance(id)).isEqualTo(1);
  }

  @Test
  void work_that_throws_rolls_back_everything_it_did(Racefree rf) {
    long id = rf.accounts().open("erin", "EUR");
    rf.accounts().credit(id, 100);

    assertThatThrownBy(() ->
            rf.accounts()
                .withLock(
                    id,
                    LockPolicy.waitIndefinitely(),
                    locked -> {
                      locked.debit(60);
                      throw new IllegalStateException("business rule said no");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("business rule said no");

    assertThat(rf.accounts().balance(id)).isEqualTo(100);
  }

  @Test
  void under_the_lock_a_debit_past_the_balance_is_a_value_and_an_unknown_id_is_missing(
      Racefree rf) {
    long id = rf.accounts().open("frank", "EUR");
    rf.accounts().credit(id, 10);

    assertThat(rf.accounts().withLock(id, LockPolicy.noWait(), locked -> locked.debit(11)))
        .isEqualTo(new LockResult.Acquired<>(new InsufficientFunds(10)));
    assertThat(rf.accounts().withLock(id + 99, LockPolicy.noWait(), locked -> locked.debit(1)))
        .isEqualTo(new LockResult.Missing<>(id + 99));
    assertThat(rf.accounts().balance(id)).isEqualTo(10);
  }
}
