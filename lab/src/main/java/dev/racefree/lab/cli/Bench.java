package dev.racefree.lab.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.HotStatement;
import dev.racefree.Racefree;
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
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;
import org.jooq.DSLContext;

/**
 * Measures racefree against the same SQL sent by raw JDBC and by pgbench, on one server, point by
 * point, so each ratio compares runs made seconds apart. Balances are checked in total around every
 * run (per-account checks are the race's job).
 */
final class Bench {

  private static final long AMOUNT = 1;

  /** A runner inside this JVM: the operation it sends for a strategy, on its own pool. */
  private interface InJvm {
    Operation debit(Strategy s, DataSource pool);
  }

  private final InJvm racefreeRunner = Bench::racefree;
  private final InJvm jdbcRunner = this::jdbc;

  private final LabServer server;
  private final BenchSettings settings;
  private final Optional<Pgbench> pgbench;
  private final Progress progress;

  /** What racefree sends, rendered for the lab's settings: the baselines send the same. */
  private final List<HotStatement> statements;

  Bench(LabServer server, BenchSettings settings, Optional<Pgbench> pgbench, Progress progress) {
    this.server = server;
    this.settings = settings;
    this.pgbench = pgbench;
    this.progress = progress;
    this.statements = Racefree.using(server.admin()).statements();
  }

  /** How many measured runs {@link #run} makes, or skips, for the progress bar. */
  static long runs(BenchSettings s, boolean pgbench) {
    return (long) s.clients().size() * 2 * s.strategies().size() * runners(pgbench);
  }

  private static int runners(boolean pgbench) {
    return pgbench ? 3 : 2;
  }

  /**
   * At each point racefree, raw JDBC and pgbench run one after another, each with only its own
   * connections open: each pool is closed (and the server has let go of its connections) before the
   * next runner starts. A client count the server cannot hold is skipped, with the reason.
   */
  List<ResultRow> run() throws InterruptedException, IOException {
    DSLContext admin = server.admin();
    List<Workload> workloads =
        List.of(
            Workload.open(admin, "bench-hot", 1, BenchSettings.BALANCE),
            Workload.open(
                admin, "bench-uniform", settings.uniformAccounts(), BenchSettings.BALANCE));
    warmUp(workloads.getLast());
    List<ResultRow> rows = new ArrayList<>();
    for (int clients : settings.clients()) {
      Optional<String> skip = cannotHold(clients);
      for (Workload w : workloads) {
        for (Strategy s : settings.strategies()) {
          if (skip.isPresent()) {
            rows.add(ResultRow.skipped(s.label(), clients, w.ids().length, skip.get()));
            for (int i = 0; i < runners(pgbench.isPresent()); i++) {
              progress.step();
            }
            continue;
          }
          progress.message(s.label() + ", " + w.name() + ", " + clients + " clients");
          ResultRow racefree = measure(w, s, clients, racefreeRunner, null);
          rows.add(racefree);
          rows.add(measure(w, s, clients, jdbcRunner, "jdbc").comparedWith(racefree));
          if (pgbench.isPresent()) {
            rows.add(pgbench(w, s, clients).comparedWith(racefree));
          }
        }
      }
    }
    return rows;
  }

  /**
   * Why the server cannot hold {@code clients} of the lab's connections now, if it cannot. pgbench
   * closes its set-up connection just as its clients connect, so a point with pgbench needs one
   * more.
   */
  private Optional<String> cannotHold(int clients) {
    int setup = pgbench.isPresent() ? 1 : 0;
    return server
        .budget()
        .shortfall(
            clients + setup,
            clients + " clients" + (setup > 0 ? " (+1: pgbench's set-up connection)" : ""));
  }

  /** JIT and server caches, before the first point; at most 8 clients, and only as many as fit. */
  private void warmUp(Workload w) throws InterruptedException {
    int free = server.budget().free();
    int clients =
        Math.min(
            Math.min(8, free),
            settings.clients().stream().mapToInt(Integer::intValue).max().orElse(1));
    if (clients < 1) {
      return;
    }
    progress.message("warming up");
    for (InJvm runner : List.of(racefreeRunner, jdbcRunner)) {
      try (HikariDataSource pool = server.pool(clients)) {
        for (Strategy s : settings.strategies()) {
          LoadRunner.run(
              clients,
              Stop.after(settings.warmup()),
              runner.debit(s, pool),
              w.ids(),
              w.choice(),
              false,
              () -> {});
        }
      }
    }
  }

  private static Operation racefree(Strategy s, DataSource pool) {
    return Operations.debit(s, LabServer.dsl(pool), AMOUNT, Gap.NONE, null);
  }

  private Operation jdbc(Strategy s, DataSource pool) {
    return switch (s) {
      case ATOMIC -> JdbcDebit.atomic(pool, statements, AMOUNT);
      case PESSIMISTIC -> JdbcDebit.pessimistic(pool, statements, AMOUNT);
      default -> throw new IllegalArgumentException("no JDBC baseline for " + s);
    };
  }

  /** One runner at one point, on a pool of its own, closed before this returns. */
  private ResultRow measure(Workload w, Strategy s, int clients, InJvm runner, String baseline)
      throws InterruptedException {
    long before = w.total(server.admin());
    LoadResult load;
    try (HikariDataSource pool = server.pool(clients)) {
      load =
          LoadRunner.run(
              clients,
              Stop.after(settings.duration()),
              runner.debit(s, pool),
              w.ids(),
              w.choice(),
              false,
              () -> {});
    }
    long after = w.total(server.admin());
    progress.step();
    Tally t = load.total();
    t.reportFirstError(
        s.label()
            + ", "
            + w.name()
            + ", "
            + clients
            + " clients, "
            + (baseline == null ? "racefree" : baseline));
    return row(
        s,
        clients,
        w,
        load.ops(),
        load.opsPerSecond(),
        t.latencyMicros(),
        t.succeeded(),
        t.rejected(),
        t.deadlocks(),
        t.errors(),
        before,
        after,
        baseline);
  }

  private ResultRow pgbench(Workload w, Strategy s, int clients)
      throws IOException, InterruptedException {
    long before = w.total(server.admin());
    Pgbench.Run run =
        pgbench
            .orElseThrow()
            .run(
                s,
                statements,
                clients,
                settings.duration(),
                w.ids()[0],
                w.ids()[w.ids().length - 1],
                AMOUNT);
    server.awaitOwnConnectionsClosed();
    long after = w.total(server.admin());
    progress.step();
    return row(
        s,
        clients,
        w,
        run.processed() + run.failed(),
        run.tps(),
        run.latencyMicros(),
        run.processed(),
        0,
        0,
        run.failed(),
        before,
        after,
        "pgbench");
  }

  private static ResultRow row(
      Strategy s,
      int clients,
      Workload w,
      long ops,
      double opsPerSecond,
      Histogram latencyMicros,
      long succeeded,
      long rejected,
      long deadlocks,
      long errors,
      long before,
      long after,
      String baseline) {
    long expected = before - AMOUNT * succeeded;
    boolean measured = latencyMicros.getTotalCount() > 0;
    return new ResultRow(
        s.label(),
        clients,
        w.ids().length,
        ops,
        opsPerSecond,
        measured ? latencyMicros.getValueAtPercentile(50) / 1_000.0 : null,
        measured ? latencyMicros.getValueAtPercentile(99) / 1_000.0 : null,
        succeeded,
        rejected,
        0,
        deadlocks,
        errors,
        expected,
        after,
        after - expected,
        after == expected ? 0 : 1,
        baseline,
        null,
        null,
        null);
  }
}
