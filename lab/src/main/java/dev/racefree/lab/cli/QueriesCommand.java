package dev.racefree.lab.cli;

import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.Racefree;
import dev.racefree.lab.queries.QueryJournal;
import dev.racefree.lab.queries.QueryLatency;
import dev.racefree.lab.queries.QueryLatency.Latency;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.ServerInfo;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code queries}: the latency of each ledger query, and how it grows with the journal. */
@Command(
    name = "queries",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "For each journal size: starts an embedded PostgreSQL, builds that many entries set-based (one"
          + " INSERT ... SELECT over generate_series: one internal account per 500 entries, a quarter"
          + " of the entries against external accounts, 40 codes, a reference per posting, one second"
          + " apart), VACUUM (ANALYZE), then runs each of the ledger's queries through racefree's API,"
          + " one at a time on one connection, and prints its median and p99 latency.",
      "Then a table of how each query's median grows from the smallest size to the largest.",
      "10,000,000 entries take several minutes to build and about 4 GB of disk."
    })
final class QueriesCommand implements Callable<Integer> {

  @Option(
      names = "--entries",
      split = ",",
      paramLabel = "N",
      description = "Journal sizes. Default: 1000000,10000000.")
  List<Integer> entries = List.of(1_000_000, 10_000_000);

  @Option(
      names = "--runs",
      paramLabel = "N",
      description = "Measured runs per query (after 10 warm-up runs). Default: 300.")
  int runs = 300;

  @Option(
      names = "--budget",
      paramLabel = "SECONDS",
      description =
          "A query whose runs take longer than this stops early, after at least 20. Default: 30.")
  int budgetSeconds = 30;

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    if (runs < 20) {
      throw new IllegalArgumentException("--runs must be at least 20, was " + runs);
    }
    for (int n : entries) {
      if (n < 10_000) {
        throw new IllegalArgumentException("--entries must be at least 10000, was " + n);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    out.println("racefree lab: queries");
    List<List<Latency>> all = new ArrayList<>();
    for (int n : entries) {
      int accounts = Math.max(100, n / 500 / 5 * 5);
      try (LabServer server = LabServer.embedded(false)) {
        if (all.isEmpty()) {
          out.println("server: " + ServerInfo.of(server).describe());
        }
        err.printf("building %,d entries over %,d accounts...%n", n, accounts);
        err.flush();
        QueryJournal.Timings t = QueryJournal.build(server.admin(), n, accounts);
        out.printf(
            "%n%,d entries, %,d internal accounts: built in %.0f s (insert %.0f s, indexes %.0f s,"
                + " vacuum analyze %.0f s)%n",
            n, accounts, t.insert() + t.index() + t.vacuum(), t.insert(), t.index(), t.vacuum());
        QueryJournal.Ids ids = QueryJournal.ids(server.admin());
        try (HikariDataSource pool = server.pool(1)) {
          Racefree rf = Racefree.using(LabServer.dsl(pool));
          List<Latency> latencies =
              QueryLatency.measure(rf, ids, n, accounts, runs, Duration.ofSeconds(budgetSeconds));
          out.printf("%-48s %6s %12s %12s%n", "query", "runs", "median ms", "p99 ms");
          for (Latency l : latencies) {
            out.printf(
                "%-48s %6d %12.3f %12.3f%n",
                l.query(), l.runs(), l.medianMicros() / 1e3, l.p99Micros() / 1e3);
          }
          out.flush();
          all.add(latencies);
        }
      }
    }
    if (all.size() > 1) {
      growth(out, all);
    }
    out.flush();
    return 0;
  }

  /** Each query's median and p99 at the smallest and the largest size, and their ratios. */
  private void growth(PrintWriter out, List<List<Latency>> all) {
    List<Latency> first = all.getFirst();
    List<Latency> last = all.getLast();
    out.printf(
        "%ngrowth from %,d to %,d entries (x%.0f):%n",
        entries.getFirst(), entries.getLast(), (double) entries.getLast() / entries.getFirst());
    out.printf(
        "%-48s %10s %10s %8s %10s %10s %8s%n",
        "query", "median ms", "median ms", "ratio", "p99 ms", "p99 ms", "ratio");
    for (int i = 0; i < first.size(); i++) {
      Latency a = first.get(i);
      Latency b = last.get(i);
      out.printf(
          "%-48s %10.3f %10.3f %8.2f %10.3f %10.3f %8.2f%n",
          a.query(),
          a.medianMicros() / 1e3,
          b.medianMicros() / 1e3,
          b.medianMicros() / a.medianMicros(),
          a.p99Micros() / 1e3,
          b.p99Micros() / 1e3,
          b.p99Micros() / a.p99Micros());
    }
  }
}
