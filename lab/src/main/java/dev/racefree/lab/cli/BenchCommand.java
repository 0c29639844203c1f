package dev.racefree.lab.cli;

import dev.racefree.lab.baselines.Pgbench;
import dev.racefree.lab.baselines.PgbenchLocator;
import dev.racefree.lab.bench.Bench;
import dev.racefree.lab.bench.BenchSettings;
import dev.racefree.lab.bench.Postings;
import dev.racefree.lab.bench.PostingsSettings;
import dev.racefree.lab.report.Progress;
import dev.racefree.lab.report.Report;
import dev.racefree.lab.report.ResultRow;
import dev.racefree.lab.report.ResultTable;
import dev.racefree.lab.server.ConnectionBudget;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.ServerInfo;
import dev.racefree.lab.strategies.Strategy;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: racefree vs raw JDBC vs pgbench, the same SQL, the same server, the same run. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Throughput and latency of racefree's atomic and pessimistic debits against raw JDBC PreparedStatements"
          + " sending the same statements and pgbench running the same SQL, on one hot row and on many accounts"
          + " picked uniformly, at each client count. Prints ratio = racefree ops/s / baseline ops/s.",
      "batched debits (rf.batching) are compared with the atomic debit's rows at the same point: racefree's"
          + " own, raw JDBC's and pgbench's (the one-row ceiling), with batch size percentiles.",
      "quota consumes a unit at a time (rf.quotas().consume, Period.total()) from a counter per account"
          + " under a cap never reached (one hot counter on the hot row), compared the same way with the"
          + " atomic debit's rows at the same point.",
      "Each point runs --duration per runner: the defaults (3 s, 1,8,32,64,128 clients) take about 5 minutes.",
      "Each runner has only its own connections open. A client count the server cannot hold (max_connections,"
          + " less reserved slots, connections in use and the lab's own) is skipped, and the report says why.",
      "pgbench is looked for with --pgbench, on PATH, then beside PostgreSQL server binaries; when it is"
          + " missing the report says so and has no pgbench rows."
    })
final class BenchCommand implements Callable<Integer> {

  @Option(
      names = "--strategy",
      split = ",",
      paramLabel = "NAME",
      description =
          "atomic, pessimistic, batched and/or quota (batched and quota bring atomic, their baseline)."
              + " Default: all.")
  List<Strategy> strategies = BenchSettings.SUPPORTED;

  @Option(
      names = "--clients",
      split = ",",
      paramLabel = "N",
      description = "Client counts. Default: 1,8,32,64,128 (with --postings: 32).")
  @Nullable List<Integer> clients;

  @Option(
      names = "--postings",
      description =
          "Instead of the strategies: what postings and the hash chain cost. racefree's deposit"
              + " (credit, a posting against the default external account) against the"
              + " single-sided credit of schema version 10 on the uniform accounts, and racefree's"
              + " atomic debit against version 10's on the hot row and the uniform accounts; the"
              + " version-10 statements run on schema "
              + Postings.SCRATCH_SCHEMA
              + ", migrated to version 10.")
  boolean postings;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      description =
          "With --postings: runs of each runner per point, in turn; the report gives medians."
              + " Default: ${DEFAULT-VALUE}.")
  int repeat = 3;

  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      description =
          "Seconds per point and runner (whole seconds, pgbench -T). Default: ${DEFAULT-VALUE}.")
  int durationSeconds = 3;

  @Option(
      names = "--warmup",
      paramLabel = "SECONDS",
      description =
          "Seconds each runner warms up before the first point. Default: ${DEFAULT-VALUE}.")
  int warmupSeconds = 1;

  @Option(
      names = "--uniform-accounts",
      paramLabel = "N",
      description = "Accounts in the uniform workload. Default: ${DEFAULT-VALUE}.")
  int uniformAccounts = 100_000;

  @Option(
      names = "--pgbench",
      paramLabel = "PATH",
      description = "The pgbench to run (default: search).")
  @Nullable Path pgbenchPath;

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Mixin
  ServerOptions server;

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Mixin
  OutputOptions output;

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (postings) {
      return postings();
    }
    BenchSettings settings =
        new BenchSettings(
            strategies,
            clients == null ? List.of(1, 8, 32, 64, 128) : clients,
            Duration.ofSeconds(durationSeconds),
            Duration.ofSeconds(warmupSeconds),
            uniformAccounts);
    long started = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    try (LabServer labServer = server.start()) {
      ServerInfo info = ServerInfo.of(labServer);
      out.println("racefree lab: bench");
      out.println("server: " + info.describe());
      ConnectionBudget budget = labServer.budget();
      out.printf(
          "connections: %d free (max_connections %d - %d reserved - %d in use by others - %d the lab's own);"
              + " each runner opens only its own%n",
          budget.free(),
          budget.maxConnections(),
          budget.reserved(),
          budget.inUseByOthers(),
          budget.labOwn());
      Optional<Pgbench> pgbench = locatePgbench(labServer, out);
      out.printf(
          "workloads: hot row (1 account) and %,d accounts uniform; %d s per point; debits of 1"
              + " from balances of %,d (never refused)%n",
          uniformAccounts, durationSeconds, BenchSettings.BALANCE);
      if (settings.strategies().contains(Strategy.QUOTA)) {
        out.printf(
            "quota: a counter per account (Period.total()), consumptions of 1 against a cap of %,d"
                + " (never refused)%n",
            BenchSettings.CAP);
      }
      out.flush();
      List<ResultRow> rows;
      try (Progress progress =
          Progress.bar(
              "bench",
              Bench.runs(settings, pgbench.isPresent()),
              "runs",
              false,
              !output.noProgress)) {
        rows = new Bench(labServer, settings, pgbench, progress).run();
      }
      ResultTable.bench(out, rows);
      if (pgbench.isEmpty()) {
        out.println("NOTE: pgbench was not found, so this report has no pgbench baseline.");
      }
      long skipped =
          rows.stream().filter(r -> !r.ran()).map(r -> r.run().clients()).distinct().count();
      if (skipped > 0) {
        out.println(
            "NOTE: "
                + skipped
                + " client count(s) skipped: the server cannot hold their connections"
                + " (see \"skipped\" above).");
      }
      return Finish.report(
          out,
          new Report(info, rows),
          output,
          info.brief() + ", " + durationSeconds + " s/point",
          r ->
              r.run().strategy()
                  + ", "
                  + (r.run().accounts() == 1
                      ? "hot row"
                      : String.format("%,d accounts uniform", r.run().accounts())),
          r -> r.run().runner(),
          started);
    }
  }

  /** {@code bench --postings}: racefree's deposit and debit against version 10's statements. */
  private Integer postings() throws Exception {
    PostingsSettings settings =
        new PostingsSettings(
            clients == null ? List.of(32) : clients,
            Duration.ofSeconds(durationSeconds),
            Duration.ofSeconds(warmupSeconds),
            uniformAccounts,
            repeat);
    long started = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    try (LabServer labServer = server.start()) {
      ServerInfo info = ServerInfo.of(labServer);
      out.println("racefree lab: bench --postings");
      out.println("server: " + info.describe());
      out.printf(
          "workloads: hot row (1 account) and %,d accounts uniform, on schema racefree and on %s"
              + " (version %s); %d s per run, %d runs per runner and point, medians; changes of 1%n",
          uniformAccounts, Postings.SCRATCH_SCHEMA, "10", durationSeconds, repeat);
      out.flush();
      Postings.Result result;
      try (Progress progress =
          Progress.bar("bench", Postings.runs(settings), "runs", false, !output.noProgress)) {
        result = new Postings(labServer, settings, progress).run();
      }
      ResultTable.bench(out, result.rows());
      out.println();
      out.println("every run, ops/s in the order run:");
      for (Postings.Repeats r : result.repeats()) {
        out.printf(
            "  %s, %d clients, %s: %s%n",
            r.title(),
            r.clients(),
            r.runner(),
            String.join(
                " ", r.opsPerSecond().stream().map(x -> String.format("%,.0f", x)).toList()));
      }
      out.println(
          "ratio = racefree's median ops/s / the baseline's. v10 = the statement racefree sent at"
              + " schema version 10, on schema "
              + Postings.SCRATCH_SCHEMA
              + ".");
      return Finish.report(
          out,
          new Report(info, result.rows()),
          output,
          info.brief() + ", " + durationSeconds + " s/run, median of " + repeat,
          r ->
              r.run().strategy()
                  + ", "
                  + (r.run().accounts() == 1
                      ? "hot row"
                      : String.format("%,d accounts uniform", r.run().accounts())),
          r -> r.run().runner(),
          started);
    }
  }

  private Optional<Pgbench> locatePgbench(LabServer labServer, PrintWriter out) throws Exception {
    PgbenchLocator locator = new PgbenchLocator();
    Optional<Path> found = locator.find(pgbenchPath);
    if (found.isEmpty()) {
      out.println(
          "pgbench: NOT FOUND. Looked at "
              + locator.searched()
              + (pgbenchPath != null
                  ? " (--pgbench)."
                  : " (PATH, then beside server binaries)."
                      + " Install PostgreSQL's client tools (Debian: postgresql-contrib or postgresql-client) or pass --pgbench."));
      return Optional.empty();
    }
    Pgbench pgbench = new Pgbench(found.get(), labServer.connect(), labServer.applicationName());
    out.println("pgbench: " + found.get() + " (" + pgbench.version() + ")");
    return Optional.of(pgbench);
  }
}
