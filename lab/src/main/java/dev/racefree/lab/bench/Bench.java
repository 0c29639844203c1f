package dev.racefree.lab.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.BatchStats;
import dev.racefree.HotStatement;
import dev.racefree.Racefree;
import dev.racefree.lab.baselines.JdbcDebit;
import dev.racefree.lab.baselines.Pgbench;
import dev.racefree.lab.load.LabQuotas;
import dev.racefree.lab.load.LoadResult;
import dev.racefree.lab.load.LoadRunner;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Stop;
import dev.racefree.lab.load.Tally;
import dev.racefree.lab.load.Workload;
import dev.racefree.lab.report.Balances;
import dev.racefree.lab.report.Progress;
import dev.racefree.lab.report.Requests;
import dev.racefree.lab.report.ResultRow;
import dev.racefree.lab.report.Run;
import dev.racefree.lab.report.Throughput;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.strategies.BatchedDebit;
import dev.racefree.lab.strategies.Gap;
import dev.racefree.lab.strategies.Operations;
import dev.racefree.lab.strategies.Strategy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jspecify.annotations.Nullable;

/**
 * Measures racefree against the same SQL sent by raw JDBC and by pgbench, on one server, point by
 * point, so each ratio compares runs made seconds apart. Balances are checked in total around every
 * run (per-account checks are the race's job). Batched debits and quota consumptions, which no
 * baseline sends, are compared with the atomic debit measured at the same point.
 */
public final class Bench {

  private static final long AMOUNT = 1;

  /** A runner inside this JVM: the operation it sends for a strategy on a workload, on a pool. */
  private interface InJvm {
    Operation op(Strategy s, Workload w, DataSource pool);
  }

  private final InJvm racefreeRunner = Bench::racefree;
  private final InJvm jdbcRunner = this::jdbc;

  private final LabServer server;
  private final BenchSettings settings;
  private final Optional<Pgbench> pgbench;
  private final Progress progress;

  /** What racefree sends, rendered for the lab's settings: the baselines send the same. */
  private final List<HotStatement> statements;

  public Bench(
      LabServer server, BenchSettings settings, Optional<Pgbench> pgbench, Progress progress) {
    this.server = server;
    this.settings = settings;
    this.pgbench = pgbench;
    this.progress = progress;
    this.statements = Racefree.using(server.admin()).statements();
  }

  /** How many measured runs {@link #run} makes, or skips, for the progress bar. */
  public static long runs(BenchSettings s, boolean pgbench) {
    long perPoint = 0;
    for (Strategy strategy : s.strategies()) {
      perPoint += racefreeOnly(strategy) ? 1 : runners(pgbench);
    }
    return (long) s.clients().size() * 2 * perPoint;
  }

  private static int runners(boolean pgbench) {
    return pgbench ? 3 : 2;
  }

  /** Whether only racefree runs the strategy: no baseline sends its statements. */
  private static boolean racefreeOnly(Strategy s) {
    return s == Strategy.BATCHED || s == Strategy.QUOTA;
  }

  /**
   * At each point racefree, raw JDBC and pgbench run one after another, each with only its own
   * connections open: each pool is closed (and the server has let go of its connections) before the
   * next runner starts. A client count the server cannot hold is skipped, with the reason.
   */
  public List<ResultRow> run() throws InterruptedException, IOException {
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
        List<ResultRow> atomic = List.of();
        for (Strategy s : settings.strategies()) {
          if (s == Strategy.BATCHED) {
            progress.message(s.label() + ", " + w.name() + ", " + clients + " clients");
            rows.addAll(batched(w, clients, atomic));
            continue;
          }
          if (s == Strategy.QUOTA) {
            progress.message(s.label() + ", " + w.name() + ", " + clients + " clients");
            rows.addAll(quota(w, clients, atomic));
            continue;
          }
          if (skip.isPresent()) {
            rows.add(
                ResultRow.skipped(Run.racefree(s.label(), clients, w.ids().length), skip.get()));
            for (int i = 0; i < runners(pgbench.isPresent()); i++) {
              progress.step();
            }
            continue;
          }
          progress.message(s.label() + ", " + w.name() + ", " + clients + " clients");
          List<ResultRow> point = new ArrayList<>();
          ResultRow racefree = measure(w, s, clients, racefreeRunner, null);
          point.add(racefree);
          point.add(measure(w, s, clients, jdbcRunner, "jdbc").comparedWith(racefree));
          if (pgbench.isPresent()) {
            point.add(pgbench(w, s, clients).comparedWith(racefree));
          }
          rows.addAll(point);
          atomic = s == Strategy.ATOMIC ? point : atomic;
        }
      }
    }
    return rows;
  }

  /**
   * Batched debits at one point, compared with the atomic debit's rows measured at the same point
   * (racefree's own atomic debit, raw JDBC, and pgbench's one-row atomic debit: the ceiling). The
   * batching holds {@link BatchedDebit#CONNECTIONS} connections whatever the client count.
   */
  private List<ResultRow> batched(Workload w, int clients, List<ResultRow> atomic)
      throws InterruptedException {
    String label = Strategy.BATCHED.label();
    Optional<String> skip =
        server.budget().shortfall(BatchedDebit.CONNECTIONS, "the batching's connections");
    if (skip.isPresent()) {
      return List.of(ResultRow.skipped(Run.racefree(label, clients, w.ids().length), skip.get()));
    }
    ResultRow batched = measure(w, Strategy.BATCHED, clients, racefreeRunner, null);
    return againstAtomic(batched, atomic);
  }

  /**
   * Quota consumptions at one point, each client consuming a unit at a time from the counter of the
   * account it picks (one counter on the hot row), under a cap never reached, compared with the
   * atomic debit's rows measured at the same point.
   */
  private List<ResultRow> quota(Workload w, int clients, List<ResultRow> atomic)
      throws InterruptedException {
    String label = Strategy.QUOTA.label();
    Optional<String> skip = server.budget().shortfall(clients, clients + " clients");
    if (skip.isPresent()) {
      progress.step();
      return List.of(ResultRow.skipped(Run.racefree(label, clients, w.ids().length), skip.get()));
    }
    return againstAtomic(measure(w, Strategy.QUOTA, clients, racefreeRunner, null), atomic);
  }

  /** {@code own}, then the atomic debit's rows of the same point as its baselines. */
  private static List<ResultRow> againstAtomic(ResultRow own, List<ResultRow> atomic) {
    List<ResultRow> rows = new ArrayList<>(List.of(own));
    for (ResultRow r : atomic) { // a skipped atomic point says so in its own rows already
      String baseline = r.run().baseline() == null ? "atomic" : "atomic " + r.run().baseline();
      if (r.ran()) {
        rows.add(r.asBaselineOf(own.run().strategy(), baseline).comparedWith(own));
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
          if (s == Strategy.BATCHED) {
            continue; // the same statements as atomic's, warmed up with it
          }
          if (s == Strategy.QUOTA && runner == jdbcRunner) {
            continue; // racefree's alone
          }
          try (Operation op = runner.op(s, w, pool)) {
            LoadRunner.run(
                clients, Stop.after(settings.warmup()), op, w.ids(), w.choice(), false, () -> {});
          }
        }
      }
    }
  }

  private static Operation racefree(Strategy s, Workload w, DataSource pool) {
    if (s == Strategy.QUOTA) {
      return Operations.quota(s, LabServer.dsl(pool), scope(w), BenchSettings.CAP, Gap.NONE);
    }
    return Operations.debit(s, LabServer.dsl(pool), AMOUNT, Gap.NONE, null);
  }

  /** The scope of the workload's quota counters, one per account. */
  private static String scope(Workload w) {
    return LabQuotas.scope(Strategy.QUOTA.label() + "-" + w.name(), w.ids());
  }

  /**
   * What a run of {@code s} on {@code w} is checked by: the workload's total balance, or, for a
   * quota, the units left below its counters' caps, which each consumption lowers by one as each
   * debit of 1 lowers a balance.
   */
  private long total(Workload w, Strategy s) {
    if (s == Strategy.QUOTA) {
      return LabQuotas.remaining(server.admin(), scope(w), w.ids().length, BenchSettings.CAP);
    }
    return w.total(server.admin());
  }

  private Operation jdbc(Strategy s, Workload w, DataSource pool) {
    return switch (s) {
      case ATOMIC -> JdbcDebit.atomic(pool, statements, AMOUNT);
      case PESSIMISTIC -> JdbcDebit.pessimistic(pool, statements, AMOUNT);
      default -> throw new IllegalArgumentException("no JDBC baseline for " + s);
    };
  }

  /** One runner at one point, on a pool of its own, closed before this returns. */
  private ResultRow measure(
      Workload w, Strategy s, int clients, InJvm runner, @Nullable String baseline)
      throws InterruptedException {
    long before = total(w, s);
    LoadResult load;
    Optional<BatchStats> batches;
    int connections = s == Strategy.BATCHED ? BatchedDebit.CONNECTIONS : clients;
    try (HikariDataSource pool = server.pool(connections);
        Operation op = runner.op(s, w, pool)) {
      load =
          LoadRunner.run(
              clients, Stop.after(settings.duration()), op, w.ids(), w.choice(), false, () -> {});
      batches = op.batchStats();
    }
    long after = total(w, s);
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
    ResultRow row =
        row(
            new Measurement(
                new Run(s.label(), clients, w.ids().length, baseline),
                Throughput.of(load.ops(), load.opsPerSecond(), t.latencyMicros()),
                new Requests(t.succeeded(), t.rejected(), 0, t.deadlocks(), t.errors()),
                before,
                after));
    return batches.map(row::withBatchSizes).orElse(row);
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
        new Measurement(
            new Run(s.label(), clients, w.ids().length, "pgbench"),
            Throughput.of(run.processed() + run.failed(), run.tps(), run.latencyMicros()),
            new Requests(run.processed(), 0, 0, 0, run.failed()),
            before,
            after));
  }

  /**
   * The row of {@code m}: every successful debit took {@link #AMOUNT}, so the total must have
   * dropped by exactly that many; a total off by anything is one invariant violation.
   */
  private static ResultRow row(Measurement m) {
    return row(m, -AMOUNT);
  }

  /**
   * The row of {@code m}, whose every success changed the total by {@code change}: a total off by
   * anything else is one invariant violation.
   */
  static ResultRow row(Measurement m, long change) {
    long expected = m.totalBefore() + change * m.requests().succeeded();
    long after = m.totalAfter();
    return ResultRow.measured(
        m.run(),
        m.throughput(),
        m.requests(),
        Balances.of(expected, after, after == expected ? 0 : 1, null));
  }
}
