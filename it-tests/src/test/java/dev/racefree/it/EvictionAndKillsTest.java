package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static dev.racefree.it.Funded.funded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.exception.ConnectionLostException;
import dev.racefree.exception.ConnectionUnavailableException;
import dev.racefree.exception.RacefreeException;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.result.Debited;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Keyed debits through a HikariCP pool whose connections are evicted and whose server processes are
 * killed while they run: every failure a caller sees is classified as what the caller must do
 * ({@link ConnectionLostException}: replay; {@link ConnectionUnavailableException}: nothing was
 * sent), never an unclassified one, and replaying by key applies each debit exactly once.
 */
@ExtendWith(PostgresExtension.class)
class EvictionAndKillsTest {

  private static final String APP = "racefree-it-evicted";
  private static final int THREADS = 8;
  private static final int DEBITS = 40;
  private static final int ROUNDS = 10;

  @Test
  void evictions_and_backend_kills_give_only_classified_failures_and_exact_totals(
      Racefree rf, DSLContext dsl) throws Exception {
    long hot = funded(rf, 10_000);
    Queue<String> unclassified = new ConcurrentLinkedQueue<>();
    AtomicInteger lost = new AtomicInteger();
    AtomicInteger killed = new AtomicInteger();
    Semaphore done = new Semaphore(0);
    try (HikariDataSource pool =
        TestDatabase.get().separatePool(APP, "SET application_name = '" + APP + "'")) {
      pool.setMaximumPoolSize(THREADS);
      pool.setMaxLifetime(30_000); // HikariCP's shortest: the soft evictions below come sooner
      Racefree evicted = Racefree.using(DSL.using(pool, SQLDialect.POSTGRES));
      ExecutorService threads = Executors.newFixedThreadPool(THREADS + 1);
      try {
        Future<?> killer =
            threads.submit(() -> {
              for (int round = 0; round < ROUNDS; round++) {
                assertThat(done.tryAcquire(25, 60, TimeUnit.SECONDS)).isTrue();
                killed.addAndGet(terminate(dsl));
                pool.getHikariPoolMXBean().softEvictConnections();
              }
              return null;
            });
        List<Future<Object>> workers =
            java.util.stream.IntStream.range(0, THREADS)
                .mapToObj(t ->
                    threads.submit(() -> {
                      for (int i = 0; i < DEBITS; i++) {
                        debitOnce(evicted, hot, "w" + t + "-" + i, lost, unclassified);
                        done.release();
                      }
                      return null;
                    }))
                .toList();
        for (Future<Object> w : workers) {
          w.get(120, TimeUnit.SECONDS);
        }
        killer.get(120, TimeUnit.SECONDS);
      } finally {
        threads.shutdownNow();
      }
    }
    assertThat(unclassified).as("failures that do not say what to do").isEmpty();
    assertThat(killed.get()).as("backends killed under load").isPositive();
    assertThat(
            dsl.fetchCount(
                LEDGER_ENTRIES,
                LEDGER_ENTRIES.ACCOUNT_ID.eq(hot).and(LEDGER_ENTRIES.KIND.eq(EntryKind.debit))))
        .isEqualTo(THREADS * DEBITS);
    assertThat(rf.accounts().balance(hot)).isEqualTo(10_000 - THREADS * DEBITS);
    assertThat(rf.verify().isClean()).isTrue();
  }

  /** One keyed debit, replayed with its key until it has an answer. */
  private static void debitOnce(
      Racefree rf, long id, String key, AtomicInteger lost, Queue<String> unclassified) {
    IdempotencyKey k = IdempotencyKey.of("evictions", key);
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        assertThat(rf.accounts().debit(id, 1, k)).isInstanceOf(Debited.class);
        return;
      } catch (ConnectionLostException | ConnectionUnavailableException e) {
        lost.incrementAndGet(); // outcome unknown, or nothing sent: the key makes a replay safe
      } catch (RacefreeException e) {
        unclassified.add(
            e.getClass().getSimpleName() + " (" + e.sqlState() + "): " + e.getMessage());
        return;
      }
    }
    unclassified.add(key + " never got an answer");
  }

  /** Terminates every server process of the evicted pool; how many there were. */
  private static int terminate(DSLContext dsl) {
    return dsl.select(function("pg_terminate_backend", Boolean.class, field(name("pid"))))
        .from(table(name("pg_catalog", "pg_stat_activity")))
        .where(field(name("application_name"), String.class).eq(APP))
        .fetch()
        .size();
  }
}
