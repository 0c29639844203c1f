package dev.racefree.lab;

import com.zaxxer.hikari.HikariDataSource;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;

/**
 * Races each strategy: {@code clients} threads debit the same accounts at once, then the lab
 * reads every balance back and compares it with what the successful debits say it must be.
 */
final class Race {

  private Race() {}

  static List<ResultRow> run(LabServer server, RaceSettings s, Progress progress)
      throws InterruptedException {
    List<ResultRow> rows = new ArrayList<>();
    for (int clients : s.clients()) {
      try (HikariDataSource pool = server.pool(clients)) {
        DSLContext dsl = LabServer.dsl(pool);
        for (Strategy strategy : s.strategies()) {
          progress.message(strategy.label() + ", " + clients + " clients");
          rows.add(runOne(server.admin(), dsl, strategy, clients, s, progress));
        }
      }
    }
    return rows;
  }

  private static ResultRow runOne(DSLContext admin, DSLContext dsl, Strategy strategy, int clients,
      RaceSettings s, Progress progress) throws InterruptedException {
    String name = strategy.label();
    long[] ids = LabAccounts.open(admin, name, s.accounts().count(), s.initialBalance());
    Operation op = Operations.debit(strategy, dsl, s.amount(), s.naiveGap().apply(clients), s.retry());
    LoadResult load = LoadRunner.run(clients, Stop.afterOps(s.opsPerClient()), op, ids, s.accounts(),
        true, progress);
    load.total().reportFirstError(name + ", " + clients + " clients");
    long[] actual = LabAccounts.balances(admin, name, ids);
    return row(strategy, load, s, actual);
  }

  static ResultRow row(Strategy strategy, LoadResult load, RaceSettings s, long[] actual) {
    Tally t = load.total();
    long violations = 0;
    long actualTotal = 0;
    for (int i = 0; i < actual.length; i++) {
      long expected = s.initialBalance() - s.amount() * t.succeededPerAccount[i];
      if (actual[i] != expected || actual[i] < 0) {
        violations++;
      }
      actualTotal += actual[i];
    }
    long expectedTotal = s.initialBalance() * actual.length - s.amount() * t.succeeded;
    return new ResultRow(strategy.label(), load.clients(), actual.length, load.ops(),
        load.opsPerSecond(), load.p50Ms(), load.p99Ms(), t.succeeded, t.rejected, t.retries,
        t.deadlocks, t.errors, expectedTotal, actualTotal, actualTotal - expectedTotal, violations,
        null, null);
  }
}
