package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.LockPolicy;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.exception.LockNotAvailableException;
import dev.racefree.exception.NestedTransactionException;
import dev.racefree.result.Debited;
import dev.racefree.result.Retried;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class RetryTest {

  @Test
  void a_real_deadlock_is_broken_by_postgresql_and_retried_transparently(Racefree rf)
      throws Exception {
    long a = rf.accounts().open("alice", "EUR");
    long b = rf.accounts().open("bob", "EUR");
    rf.accounts().credit(a, 100);
    rf.accounts().credit(b, 100);
    List<Retried<Object>> results = OppositeLocks.race(rf, a, b);

    // At least one retry; a victim's retry can meet the winner again, a second deadlock.
    assertThat(results.stream().mapToInt(Retried::attempts).sum()).isGreaterThanOrEqualTo(3);
    assertThat(rf.accounts().balance(a)).isEqualTo(100);
    assertThat(rf.accounts().balance(b)).isEqualTo(100);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void in_transaction_commits_its_work_and_reports_one_attempt(Racefree rf) {
    long a = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(a, 10);
    Retried<Object> r = rf.inTransaction(RetryPolicy.attempts(3), tx -> tx.accounts().debit(a, 4));
    assertThat(r).isEqualTo(new Retried<>(new Debited(6), 1));
  }

  @Test
  void in_transaction_refuses_to_run_inside_a_callers_transaction(Racefree rf, DSLContext dsl) {
    long a = rf.accounts().open("alice", "EUR");
    dsl.transaction(cfg ->
        assertThatThrownBy(() ->
                Racefree.using(cfg.dsl())
                    .inTransaction(RetryPolicy.attempts(3), tx -> tx.accounts().credit(a, 1)))
            .isInstanceOf(NestedTransactionException.class));
    assertThat(rf.accounts().balance(a)).isZero();
  }

  @Test
  void lock_not_available_is_retried_when_the_policy_says_so(Racefree rf) throws Exception {
    long a = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(a, 10);
    AtomicInteger attempts = new AtomicInteger();
    Retried<Object> r =
        whileAnotherTransactionLocks(
            rf,
            a,
            (impatient, release) ->
                impatient.inTransaction(
                    RetryPolicy.attempts(3).retryingLockNotAvailable(),
                    tx -> {
                      if (attempts.incrementAndGet() == 2) {
                        release.run(); // the first attempt failed with 55P03; now let the holder
                        // commit
                      }
                      return tx.accounts().debit(a, 1);
                    }));
    assertThat(r).isEqualTo(new Retried<Object>(new Debited(9), 2));
    assertThat(rf.accounts().balance(a)).isEqualTo(9);
  }

  @Test
  void lock_not_available_is_not_retried_by_default(Racefree rf) throws Exception {
    long a = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(a, 10);
    AtomicInteger attempts = new AtomicInteger();
    whileAnotherTransactionLocks(
        rf,
        a,
        (impatient, release) -> {
          assertThatThrownBy(() ->
                  impatient.inTransaction(
                      RetryPolicy.attempts(3),
                      tx -> {
                        attempts.incrementAndGet();
                        return tx.accounts().debit(a, 1);
                      }))
              .isInstanceOf(LockNotAvailableException.class)
              .extracting(e -> ((LockNotAvailableException) e).sqlState())
              .isEqualTo("55P03");
          release.run();
          return null;
        });
    assertThat(attempts).hasValue(1);
    assertThat(rf.accounts().balance(a)).isEqualTo(10);
  }

  /** What runs while another transaction holds an account's row lock. */
  interface WhileLocked<T> {
    /**
     * {@code impatient} gives up on a lock after 10 ms (55P03); {@code release} ends the holder.
     */
    T run(Racefree impatient, Runnable release) throws Exception;
  }

  /**
   * Runs {@code work} while another transaction holds {@code id}'s row lock (taken through
   * racefree's own withLock), handing it a Racefree whose sessions have lock_timeout = 10ms, and a
   * way to release the holder, which then commits before {@code release} returns.
   */
  private static <T> T whileAnotherTransactionLocks(Racefree rf, long id, WhileLocked<T> work)
      throws Exception {
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (HikariDataSource impatient =
        TestDatabase.get().separatePool("racefree-it-impatient", "SET lock_timeout = '10ms'")) {
      Future<?> holder =
          pool.submit(() ->
              rf.accounts()
                  .withLock(
                      id,
                      LockPolicy.waitIndefinitely(),
                      locked -> {
                        held.countDown();
                        Latches.await(release);
                        return null;
                      }));
      Latches.await(held);
      Runnable releaseAndWait =
          () -> {
            release.countDown();
            try {
              holder.get(30, TimeUnit.SECONDS); // the holder has committed: the row is free
            } catch (Exception e) {
              throw new AssertionError(e);
            }
          };
      try {
        return work.run(Racefree.using(DSL.using(impatient, SQLDialect.POSTGRES)), releaseAndWait);
      } finally {
        release.countDown();
        holder.get(30, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
