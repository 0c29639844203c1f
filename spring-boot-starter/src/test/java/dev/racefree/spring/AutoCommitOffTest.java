package dev.racefree.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.Transferred;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * HikariCP handing out connections with auto-commit off, as many services configure it: outside a
 * transaction every racefree operation still commits its own before it answers, so nothing it
 * acknowledged is lost when the pool rolls back what it gets back; inside @Transactional it still
 * joins.
 */
@SpringBootTest(
    classes = TestApp.class,
    properties = {
      "spring.datasource.hikari.auto-commit=false",
      "spring.datasource.hikari.maximum-pool-size=8"
    })
class AutoCommitOffTest {

  static final String DB = "auto_commit_off";
  static final int THREADS = 16;
  static final int OPS = 25;

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    TestPostgres.register(registry, DB);
  }

  @Autowired Racefree rf;
  @Autowired TestApp.Tills tills;
  @Autowired DataSource dataSource;

  private static long committed(String sql, long id) {
    return TestPostgres.queryLong(DB, sql, id);
  }

  @Test
  void the_pool_really_hands_out_connections_with_auto_commit_off() throws Exception {
    try (var c = dataSource.getConnection()) {
      assertThat(c.getAutoCommit()).isFalse();
    }
  }

  @Test
  void no_acknowledged_write_is_lost_under_concurrency() throws Exception {
    long hot = rf.accounts().open("hot", "EUR");
    long sink = rf.accounts().open("sink", "EUR");
    rf.accounts().credit(hot, 300); // fewer than the 400 debits and transfers asked for
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    List<Future<long[]>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(
          pool.submit(() -> {
            start.await();
            long debited = 0;
            long transferred = 0;
            for (int i = 0; i < OPS; i++) {
              if (i % 2 == 0) {
                IdempotencyKey key = IdempotencyKey.of("auto-commit-off", thread + "-" + i);
                DebitResult r = rf.accounts().debit(hot, 1, key);
                debited += r instanceof Debited ? 1 : 0;
                assertThat(r).isInstanceOfAny(Debited.class, InsufficientFunds.class);
              } else {
                transferred += rf.accounts().transfer(hot, sink, 1) instanceof Transferred ? 1 : 0;
              }
            }
            return new long[] {debited, transferred};
          }));
    }
    start.countDown();
    long debited = 0;
    long transferred = 0;
    for (Future<long[]> f : done) {
      debited += f.get()[0];
      transferred += f.get()[1];
    }
    pool.shutdown();

    // What a new connection, outside the pool, sees: exactly what racefree acknowledged.
    assertThat(debited + transferred).isEqualTo(300);
    assertThat(committed("SELECT balance FROM racefree.accounts WHERE id = ?", hot)).isZero();
    assertThat(committed("SELECT balance FROM racefree.accounts WHERE id = ?", sink))
        .isEqualTo(transferred);
    assertThat(committed("SELECT count(*) FROM racefree.ledger_entries WHERE account_id = ?", hot))
        .isEqualTo(1 + debited + transferred);
    assertThat(
            TestPostgres.queryLong(
                DB,
                "SELECT count(*) FROM racefree.idempotency_keys WHERE scope = 'auto-commit-off'"))
        .isEqualTo((long) THREADS * ((OPS + 1) / 2));
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void transactional_still_joins_and_a_rollback_undoes_the_writes() {
    long id = rf.accounts().open("joined", "EUR");
    rf.accounts().credit(id, 100);
    assertThatThrownBy(() -> tills.failingAfter(() -> rf.accounts().debit(id, 60)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(committed("SELECT balance FROM racefree.accounts WHERE id = ?", id)).isEqualTo(100);
    assertThat(tills.inTransaction(() -> rf.accounts().debit(id, 60))).isEqualTo(new Debited(40));
    assertThat(committed("SELECT balance FROM racefree.accounts WHERE id = ?", id)).isEqualTo(40);
  }
}
