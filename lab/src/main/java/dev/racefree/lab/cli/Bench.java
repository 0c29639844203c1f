package dev.racefree.lab.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.lab.baselines.JdbcDebit;
import dev.racefree.lab.baselines.Pgbench;
import dev.racefree.lab.load.LoadResult;
import dev.racefree.lab.load.LoadRunner;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Stop;
import dev.racefree.lab.load.Tally;
import dev.racefree.lab.load.Workload;
import dev.racefree.lab.report.Progress;
import dev.racefree.lab.report.ResultRow;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.strategies.Gap;
import dev.racefree.lab.strategies.Operations;
import dev.racefree.lab.strategies.Strategy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;
import org.jooq.DSLContext;

/**
 * Measures racefree against the same SQL sent by raw JDBC and by pgbench, on one server, point by
 * point, so each ratio compares runs made seconds apart. Balances are checked in total around
 * every run (per-account checks are the race's job).
 */
final class Bench {

  private static final long AMOUNT = 1;

  private final LabServer server;
  private final BenchSettings settings;
  private final Optional<Pgbench> pgbench;
  private final Progress progress;

  Bench(LabServer server, BenchSettings settings, Optional<Pgbench> pgbench, Progress progress) {
    this.server = server;
    this.settings = settings;
    this.pgbench = pgbench;
    this.progress = progress;
  }

  /** How many measured runs {@link #run} makes, for the progress bar. */
  static long runs(BenchSettings s, boolean pgbench) {
    return (long) s.clients().size() * 2 * s.strategies().size() * (pgbench ? 3 : 2);
  }

  List<ResultRow> run() throws InterruptedException, IOException {
    DSLContext admin = server.admin();
    List<Workload> workloads = List.of(
        Workload.open(admin, "bench-hot", 1, BenchSettings.BALANCE),
        Workload.open(admin, "bench-uniform", settings.uniformAccounts(), BenchSettings.BALANCE));
    warmUp(workloads.getLast());
    List<ResultRow> rows = new ArrayList<>();
    for (int clients : settings.clients()) {
      try (HikariDataSource pool = server.pool(clients)) {
        for (Workload w : workloads) {
          for (Strategy s : settings.strategies()) {
            progress.message(s.label() + ", " + w.name() + ", " + clients + " clients");
            ResultRow racefree = measure(w, s, clients, racefree(s, pool), null);
            rows.add(racefree);
            rows.add(measure(w, s, clients, jdbc(s, pool), "jdbc").comparedWith(racefree));
            if (pgbench.isPresent()) {
              rows.add(pgbench(w, s, clients).comparedWith(racefree));
            }
          }
        }
      }
    }
    return rows;
  }

  private void warmUp(Workload w) throws InterruptedException {
    int clients = Math.min(8, settings.clients().stream().mapToInt(Integer::intValue).max().orElse(1));
    progress.message("warming up");
    try (HikariDataSource pool = server.pool(clients)) {
      for (Strategy s : settings.strategies()) {
        for (Operation op : List.of(racefree(s, pool), jdbc(s, pool))) {
          LoadRunner.run(clients, Stop.after(settings.warmup()), op, w.ids(), w.choice(), false, () -> {});
        }
      }
    }
  }

  private static Operation racefree(Strategy s, HikariDataSource pool) {
    return Operations.debit(s, LabServer.dsl(pool), AMOUNT, Gap.NONE, null);
  }

  private static Operation jdbc(Strategy s, HikariDataSource pool) {
    return switch (s) {
      case ATOMIC -> JdbcDebit.atomic(pool, AMOUNT);
      case PESSIMISTIC -> JdbcDebit.pessimistic(pool, AMOUNT);
      default -> throw new IllegalArgumentException("no JDBC baseline for " + s);
    };
  }

  private ResultRow measure(Workload w, Strategy s, int clients, Operation op, String baseline)
      throws InterruptedException {
    long before = w.total(server.admin());
    LoadResult load = LoadRunner.run(clients, Stop.after(settings.duration()), op, w.ids(), w.choice(),
        false, () -> {});
    long after = w.total(server.admin());
    progress.step();
    Tally t = load.total();
    t.reportFirstError(s.label() + ", " + w.name() + ", " + clients + " clients, "
        + (baseline == null ? "racefree" : baseline));
    return row(s, clients, w, load.ops(), load.opsPerSecond(), t.latencyMicros(), t.succeeded(),
        t.rejected(), t.deadlocks(), t.errors(), before, after, baseline);
  }

  private ResultRow pgbench(Workload w, Strategy s, int clients) throws IOException, InterruptedException {
    long before = w.total(server.admin());
    Pgbench.Run run = pgbench.orElseThrow().run(s, clients, settings.duration(), w.ids()[0],
        w.ids()[w.ids().length - 1], AMOUNT);
    long after = w.total(server.admin());
    progress.step();
    return row(s, clients, w, run.processed() + run.failed(), run.tps(), run.latencyMicros(),
        run.processed(), 0, 0, run.failed(), before, after, "pgbench");
  }

  private static ResultRow row(Strategy s, int clients, Workload w, long ops, double opsPerSecond,
      Histogram latencyMicros, long succeeded, long rejected, long deadlocks, long errors,
      long before, long after, String baseline) {
    long expected = before - AMOUNT * succeeded;
    boolean measured = latencyMicros.getTotalCount() > 0;
    return new ResultRow(s.label(), clients, w.ids().length, ops, opsPerSecond,
        measured ? latencyMicros.getValueAtPercentile(50) / 1_000.0 : null,
        measured ? latencyMicros.getValueAtPercentile(99) / 1_000.0 : null,
        succeeded, rejected, 0, deadlocks, errors, expected, after, after - expected,
        after == expected ? 0 : 1, baseline, null, null);
  }
}
