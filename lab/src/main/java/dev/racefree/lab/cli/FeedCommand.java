package dev.racefree.lab.cli;

import dev.racefree.lab.feed.FeedRun;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.ServerInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code feed}: the change feed's throughput and delay under concurrent commits. */
@Command(
    name = "feed",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writers credit random accounts for a while; a consumer reads the change feed"
          + " (Ledger.changes) meanwhile. Prints the entries delivered per second, the delay from"
          + " each commit's return to its entry's delivery (p50, p99, max), whether every entry"
          + " arrived exactly once, and how many a poller asking for ids above the last one seen"
          + " skipped.",
      "Exit code 1 if the feed skipped or repeated an entry."
    })
final class FeedCommand implements Callable<Integer> {

  @Option(
      names = "--writers",
      paramLabel = "N",
      description = "Concurrent writers. Default: ${DEFAULT-VALUE}.")
  int writers = 16;

  @Option(
      names = "--duration",
      paramLabel = "SECONDS",
      description = "How long the writers write. Default: ${DEFAULT-VALUE}.")
  int duration = 20;

  @Option(
      names = "--accounts",
      paramLabel = "N",
      description = "Accounts credited, picked at random. Default: ${DEFAULT-VALUE}.")
  int accounts = 64;

  @Option(
      names = "--page-size",
      paramLabel = "N",
      description = "Entries per read, 1 to 1000. Default: ${DEFAULT-VALUE}.")
  int pageSize = 1000;

  @Option(
      names = "--poll-ms",
      paramLabel = "MS",
      description = "How long the consumer waits once caught up. Default: ${DEFAULT-VALUE}.")
  int pollMs = 5;

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Mixin
  ServerOptions server;

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (writers < 1 || duration < 1 || accounts < 1 || pollMs < 0) {
      throw new IllegalArgumentException(
          "--writers, --duration and --accounts must be at least 1, --poll-ms at least 0");
    }
    if (pageSize < 1 || pageSize > 1000) {
      throw new IllegalArgumentException("--page-size must be 1 to 1000, was " + pageSize);
    }
    PrintWriter out = spec.commandLine().getOut();
    try (LabServer labServer = server.start()) {
      labServer
          .budget()
          .shortfall(writers + 2, writers + " writers and 2 consumers")
          .ifPresent(why -> {
            throw new IllegalArgumentException(why);
          });
      ServerInfo info = ServerInfo.of(labServer);
      out.println("racefree lab: feed");
      out.println("server: " + info.describe());
      out.printf(
          "workload: %d writers crediting 1 to %d accounts for %d s; pages of %d, %d ms poll%n",
          writers, accounts, duration, pageSize, pollMs);
      out.flush();
      FeedRun.Result r =
          FeedRun.run(
              labServer,
              writers,
              Duration.ofSeconds(duration),
              accounts,
              pageSize,
              Duration.ofMillis(pollMs));
      r.print(out);
      out.flush();
      return r.exactlyOnce() ? 0 : LabCommand.BROKE_INVARIANT;
    }
  }
}
