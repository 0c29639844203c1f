package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.it.Funded.funded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.val;

import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.Racefree;
import dev.racefree.result.TransferResult;
import dev.racefree.result.Transferred;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * An attempt that lost a serialization race and then its connection (the server went away while
 * racefree rolled back) is re-run on a fresh connection: the race was rolled back whatever became
 * of the connection, so the retry is safe, and the caller gets the outcome, not a failure.
 */
@ExtendWith(PostgresExtension.class)
class LostConnectionRetryTest {

  @Test
  void a_retry_after_a_rollback_that_lost_its_connection_runs_on_a_fresh_connection(
      Racefree rf, DSLContext dsl, DataSource dataSource) throws Exception {
    long from = funded(rf, 100);
    long to = funded(rf, 0);
    AtomicBoolean armed = new AtomicBoolean(true);
    AtomicInteger killed = new AtomicInteger();
    try (HikariDataSource pool =
            TestDatabase.get()
                .separatePool(
                    "racefree-it-lost", "SET default_transaction_isolation = 'serializable'");
        Connection writer = dataSource.getConnection()) {
      Racefree serializable =
          Racefree.using(
              DSL.using(killingOnFirstRollback(pool, dsl, armed, killed), SQLDialect.POSTGRES));
      writer.setAutoCommit(false);
      DSL.using(writer) // holds the source row, uncommitted
          .update(ACCOUNTS)
          .set(ACCOUNTS.UPDATED_AT, DSL.currentOffsetDateTime())
          .where(ACCOUNTS.ID.eq(from))
          .execute();
      CompletableFuture<TransferResult> transfer =
          CompletableFuture.supplyAsync(() -> serializable.accounts().transfer(from, to, 30));
      Blocked.awaitWaiters(dsl, 1, Duration.ofSeconds(30));
      writer.commit(); // the transfer's snapshot is older than this write: 40001, then ROLLBACK
      assertThat(transfer.get(30, TimeUnit.SECONDS)).isEqualTo(new Transferred(70, 30));
    }
    assertThat(killed).as("the first rollback lost its connection").hasValue(1);
    assertThat(rf.accounts().balance(from)).isEqualTo(70);
    assertThat(rf.verify().isClean()).isTrue();
  }

  /**
   * {@code pool}, whose connections' first rollback finds its server process gone: terminated (and
   * waited for) just before the ROLLBACK is sent.
   */
  private static DataSource killingOnFirstRollback(
      DataSource pool, DSLContext admin, AtomicBoolean armed, AtomicInteger killed) {
    return (DataSource)
        Proxy.newProxyInstance(
            DataSource.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (ds, method, args) -> {
              Object result = invoke(pool, method, args);
              if (!method.getName().equals("getConnection")) {
                return result;
              }
              Connection real = (Connection) result;
              int pid =
                  DSL.using(real)
                      .select(function("pg_backend_pid", Integer.class))
                      .fetchSingle()
                      .value1();
              return Proxy.newProxyInstance(
                  Connection.class.getClassLoader(),
                  new Class<?>[] {Connection.class},
                  (c, m, a) -> {
                    if (m.getName().equals("rollback") && a == null && armed.getAndSet(false)) {
                      Boolean gone =
                          admin
                              .select(
                                  function(
                                      "pg_terminate_backend",
                                      Boolean.class,
                                      val(pid),
                                      val(10_000L)))
                              .fetchSingle()
                              .value1();
                      assertThat(gone).as("backend %d ended", pid).isTrue();
                      killed.incrementAndGet();
                    }
                    return invoke(real, m, a);
                  });
            });
  }

  private static Object invoke(Object target, java.lang.reflect.Method m, Object[] args)
      throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
