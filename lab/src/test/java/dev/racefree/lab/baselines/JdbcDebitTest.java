package dev.racefree.lab.baselines;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.AuditReport;
import dev.racefree.HotStatement;
import dev.racefree.Racefree;
import dev.racefree.lab.load.LabAccounts;
import dev.racefree.lab.load.Outcome;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.SharedServer;
import java.util.List;
import org.jooq.DSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The raw JDBC baseline writes what racefree writes: the same balance change, the same ledger
 * entry.
 */
class JdbcDebitTest {

  private static LabServer server;

  @BeforeAll
  static void start() throws Exception {
    server = SharedServer.get();
  }

  @Test
  void the_jdbc_baseline_journals_each_debit_exactly_as_racefree_does() throws Exception {
    DSLContext admin = server.admin();
    long[] ids = LabAccounts.open(admin, "journal-check", 3, 100);
    try (HikariDataSource pool = server.pool(1)) {
      Racefree racefree = Racefree.using(LabServer.dsl(pool));
      List<HotStatement> statements = racefree.statements();
      racefree.accounts().debit(ids[0], 7);
      assertThat(JdbcDebit.atomic(pool, statements, 7).apply(ids[1])).isEqualTo(Outcome.SUCCEEDED);
      assertThat(JdbcDebit.pessimistic(pool, statements, 7).apply(ids[2]))
          .isEqualTo(Outcome.SUCCEEDED);
      assertThat(JdbcDebit.atomic(pool, statements, 1_000).apply(ids[1]))
          .as("too poor: no row, no entry")
          .isEqualTo(Outcome.REJECTED);
    }

    for (long id : ids) {
      assertThat(
              admin
                  .select(
                      LEDGER_ENTRIES.AMOUNT,
                      LEDGER_ENTRIES.BALANCE_AFTER,
                      LEDGER_ENTRIES.KIND,
                      LEDGER_ENTRIES.CORRELATION_ID,
                      LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID)
                  .from(LEDGER_ENTRIES)
                  .where(LEDGER_ENTRIES.ACCOUNT_ID.eq(id))
                  .orderBy(LEDGER_ENTRIES.ID)
                  .fetch(r ->
                      r.value1()
                          + "/"
                          + r.value2()
                          + "/"
                          + r.value3()
                          + "/"
                          + r.value4()
                          + "/"
                          + r.value5()))
          .as("account %d", id)
          .containsExactly("100/100/credit/null/null", "-7/93/debit/null/null");
    }
    assertThat(Racefree.using(admin).verify().balanceMismatches())
        .extracting(AuditReport.BalanceMismatch::accountId)
        .doesNotContain(ids[0], ids[1], ids[2]);
  }
}
