package dev.racefree.lab.race;

import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.AuditReport;
import dev.racefree.BatchStats;
import dev.racefree.Racefree;
import dev.racefree.lab.load.LabAccounts;
import dev.racefree.lab.load.LoadResult;
import dev.racefree.lab.load.LoadRunner;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Stop;
import dev.racefree.lab.load.Tally;
import dev.racefree.lab.report.Balances;
import dev.racefree.lab.report.Progress;
import dev.racefree.lab.report.Requests;
import dev.racefree.lab.report.ResultRow;
import dev.racefree.lab.report.Run;
import dev.racefree.lab.report.Throughput;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.strategies.Operations;
import dev.racefree.lab.strategies.Strategy;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Races each strategy: {@code clients} threads debit the same accounts at once, then the lab reads
 * every balance back and compares it with what the successful debits say it must be, and runs
 * racefree's own audit ({@code Racefree.verify()}: balance = sum of ledger entries, no negative
 * balance) over the run's accounts. The quota strategies consume from counters instead (see {@link
 * QuotaRace}), the code strategies redeem codes (see {@link CodeRace}), and the velocity strategies
 * debit under a daily limit (see {@link VelocityRace}).
 */
public final class Race {

  private Race() {}

  public static List<ResultRow> run(LabServer server, RaceSettings s, Progress progress)
      throws InterruptedException {
    List<ResultRow> rows = new ArrayList<>();
    for (int clients : s.clients()) {
      try (HikariDataSource pool = server.pool(clients)) {
        DSLContext dsl = LabServer.dsl(pool);
        for (Strategy strategy : s.strategies()) {
          progress.message(strategy.label() + ", " + clients + " clients");
          if (strategy.quota()) {
            rows.add(QuotaRace.runOne(server.admin(), dsl, strategy, clients, s, progress));
          } else if (strategy.code()) {
            rows.add(CodeRace.runOne(server.admin(), dsl, strategy, clients, s, progress));
          } else if (strategy.velocity()) {
            rows.add(VelocityRace.runOne(server.admin(), dsl, strategy, clients, s, progress));
          } else {
            rows.add(runOne(server.admin(), dsl, strategy, clients, s, progress));
          }
        }
      }
    }
    return rows;
  }

  private static ResultRow runOne(
      DSLContext admin,
      DSLContext dsl,
      Strategy strategy,
      int clients,
      RaceSettings s,
      Progress progress)
      throws InterruptedException {
    String name = strategy.label();
    long[] ids = LabAccounts.open(admin, name, s.accounts().count(), s.initialBalance());
    LoadResult load;
    Optional<BatchStats> batches;
    try (Operation op =
        Operations.debit(strategy, dsl, s.amount(), s.naiveGap().apply(clients), s.retry())) {
      load = load(name, clients, s, op, ids, progress);
      batches = op.batchStats();
    }
    long[] actual = LabAccounts.balances(admin, name, ids);
    boolean[] flagged = flagged(Racefree.using(admin).verify(), ids);
    ResultRow row = row(strategy, load, s, actual, flagged);
    return batches.map(row::withBatchSizes).orElse(row);
  }

  /**
   * Runs {@code op} from {@code clients} clients over {@code ids} until each has run its
   * operations, and fails with the first error any of them met.
   */
  static LoadResult load(
      String name, int clients, RaceSettings s, Operation op, long[] ids, Progress progress)
      throws InterruptedException {
    LoadResult load =
        LoadRunner.run(
            clients, Stop.afterOps(s.opsPerClient()), op, ids, s.accounts(), true, progress::step);
    load.total().reportFirstError(name + ", " + clients + " clients");
    return load;
  }

  /**
   * Which of {@code ids} (sorted) the audit flagged. It audits the whole database; other runs'
   * accounts (naive's above all, which writes no ledger entries) are none of this run's business.
   */
  static boolean[] flagged(AuditReport audit, long[] ids) {
    boolean[] flagged = new boolean[ids.length];
    for (AuditReport.BalanceMismatch m : audit.balanceMismatches()) {
      mark(flagged, ids, m.accountId());
    }
    for (long id : audit.outsideLimits()) {
      mark(flagged, ids, id);
    }
    for (AuditReport.HeldMismatch m : audit.heldMismatches()) {
      mark(flagged, ids, m.accountId());
    }
    return flagged;
  }

  private static void mark(boolean[] flagged, long[] ids, long id) {
    int i = Arrays.binarySearch(ids, id);
    if (i >= 0) {
      flagged[i] = true;
    }
  }

  /**
   * @param flagged per account, whether {@code verify()} flagged it: an invariant violation for
   *     racefree's strategies, expected for naive (which bypasses the ledger)
   */
  static ResultRow row(
      Strategy strategy, LoadResult load, RaceSettings s, long[] actual, boolean[] flagged) {
    Tally t = load.total();
    long violations = 0;
    long ledgerMismatches = 0;
    long actualTotal = 0;
    for (int i = 0; i < actual.length; i++) {
      long expected = s.initialBalance() - s.amount() * t.succeededAt(i);
      if (flagged[i]) {
        ledgerMismatches++;
      }
      if (actual[i] != expected || actual[i] < 0 || (strategy.racefree() && flagged[i])) {
        violations++;
      }
      actualTotal += actual[i];
    }
    long expectedTotal = s.initialBalance() * actual.length - s.amount() * t.succeeded();
    return ResultRow.measured(
        Run.racefree(strategy.label(), load.clients(), actual.length),
        new Throughput(load.ops(), load.opsPerSecond(), load.p50Ms(), load.p99Ms()),
        new Requests(t.succeeded(), t.rejected(), t.retries(), t.deadlocks(), t.errors()),
        Balances.of(expectedTotal, actualTotal, violations, ledgerMismatches));
  }
}
