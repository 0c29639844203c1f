package dev.racefree.lab.cli;

import dev.racefree.lab.chaos.Chaos;
import dev.racefree.lab.chaos.ChaosReport;
import dev.racefree.lab.chaos.FaultRecovery;
import dev.racefree.lab.chaos.Faults;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.PatroniCluster;
import dev.racefree.lab.server.ServerInfo;
import dev.racefree.lab.server.StandbyPair;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chaos}: keyed operations under injected faults; unknown outcomes replayed; books checked.
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Clients send keyed debits, credits, transfers and holds (each captured at once) and race to redeem tokens,"
          + " while the lab injects faults: it terminates random"
          + " backends (pg_terminate_backend), cuts connections through its own TCP proxy (every other cut just"
          + " after a COMMIT reached the server), and crashes the server with kill -9 and restarts it on the same"
          + " data directory. With --failover: a primary and a synchronous standby, the primary killed with -9"
          + " mid-run and the standby promoted; with --syncrep-kills, first the backends whose COMMIT waits"
          + " for the stopped standby are terminated. With --patroni: etcd and three nodes under Patroni, the leader's"
          + " postmaster killed and the leader's Patroni stopped, backends terminated throughout. Every call whose outcome is unknown is replayed with its key until"
          + " known. Then: every balance exactly what the acknowledged outcomes imply, none below its bound,"
          + " verify() clean, nothing left held, one ledger entry per applied change, no token redeemed twice, and"
          + " replays answer the same and change nothing.",
      "Exit code 0 when every check held, 1 on any violation or when a fault asked for never struck."
    })
final class ChaosCommand implements Callable<Integer> {

  @Option(names = "--clients", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
  int clients = 64;

  @Option(names = "--duration", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
  int seconds = 150;

  @Option(names = "--accounts", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
  int accounts = 20;

  @Option(
      names = "--kill-every-ms",
      paramLabel = "MS",
      description = "Milliseconds between backend kills; 0 for none. Default: ${DEFAULT-VALUE}.")
  long killEveryMillis = 2_000;

  @Option(
      names = "--cut-every-ms",
      paramLabel = "MS",
      description = "Milliseconds between proxy cuts; 0 for no proxy. Default: ${DEFAULT-VALUE}.")
  long cutEveryMillis = 300;

  @Option(
      names = "--crashes",
      paramLabel = "N",
      description =
          "kill -9 crashes of the server, each followed by a restart; the embedded server only."
              + " Default: ${DEFAULT-VALUE}.")
  int crashes = 2;

  @Option(
      names = "--failover",
      description =
          "Run a primary and a synchronous standby (embedded), kill the primary with -9 mid-run and promote"
              + " the standby. No backend kills, cuts or crashes then.")
  boolean failover;

  @Option(
      names = {"--syncrep-kills", "--kill-sync-waits"},
      description =
          "With --failover: before the primary's kill, stop the standby's walreceiver (SIGSTOP) so COMMITs"
              + " wait for it, terminate the backends waiting (wait_event SyncRep: committed on the primary,"
              + " their clients unanswered), let the standby go on (SIGCONT) and catch up, then kill the"
              + " primary and promote the standby. NOT PROVEN when no backend was terminated so.")
  boolean syncrepKills;

  @Option(
      names = "--patroni",
      description =
          "Run etcd and three PostgreSQL nodes under Patroni on loopback (synchronous mode, strict), from"
              + " Debian's patroni, etcd-server and postgresql packages (set up by lab/patroni/setup.sh), and"
              + " connect through a multi-host URL (targetServerType=primary). --crashes N server faults, in"
              + " turn: SIGKILL of the leader's postmaster, SIGTERM of the leader's Patroni (restarted after);"
              + " backends terminated every --kill-every-ms. No proxy cuts.")
  boolean patroni;

  @Option(names = "--seed", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed = 20261122L;

  @Mixin JsonOption json = new JsonOption();

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Mixin
  ServerOptions server;

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (clients < 1
        || seconds < 1
        || accounts < 2
        || killEveryMillis < 0
        || cutEveryMillis < 0
        || crashes < 0) {
      return invalid("clients, duration >= 1, accounts >= 2, intervals and crashes >= 0");
    }
    if (failover && patroni) {
      return invalid("--failover and --patroni are two ways to fail over: pick one");
    }
    if (syncrepKills && !failover) {
      return invalid("--syncrep-kills needs --failover: the lab's own primary and standby");
    }
    if ((failover || patroni || crashes > 0) && server.given()) {
      return invalid(
          "crashes and --failover need the lab's own servers: drop --jdbc-url or use --crashes 0");
    }
    ChaosReport r;
    if (patroni) {
      try (PatroniCluster cluster = PatroniCluster.start(clients + 50);
          LabServer labServer = LabServer.migrated(cluster.connect())) {
        out.println("racefree lab: chaos --patroni (etcd + 3 nodes, synchronous_mode_strict)");
        out.println("server: " + ServerInfo.of(labServer).describe());
        out.println("patroni: " + cluster.describe());
        out.flush();
        r = Chaos.patroni(cluster, labServer, settings(killEveryMillis, crashes, Duration.ZERO));
        cluster.history().forEach(h -> out.println("patroni: " + h));
        out.println("patroni after the run: " + cluster.describe());
      }
    } else if (failover) {
      try (StandbyPair pair = StandbyPair.start(clients + 50);
          LabServer labServer = LabServer.migrated(pair.connect())) {
        out.println(
            "racefree lab: chaos --failover"
                + (syncrepKills ? " --syncrep-kills" : "")
                + " (primary + synchronous standby)");
        out.println("server: " + ServerInfo.of(labServer).describe());
        out.flush();
        r = Chaos.failover(pair, labServer, settings(0, 0, Duration.ZERO), syncrepKills);
      }
    } else {
      try (LabServer labServer = server.start()) {
        out.println("racefree lab: chaos");
        out.println("server: " + ServerInfo.of(labServer).describe());
        out.flush();
        r =
            Chaos.run(
                labServer, settings(killEveryMillis, crashes, Duration.ofMillis(cutEveryMillis)));
      }
    }
    print(out, r);
    json.write(r);
    String missing = missingFaults(r.faults());
    if (missing != null) {
      out.println("NOT PROVEN: " + missing + " never struck; the run proves nothing about it");
    }
    return r.clean() && missing == null ? 0 : 1;
  }

  /** A fault kind that was asked for and never happened, or null. */
  private @Nullable String missingFaults(Faults f) {
    if (failover) {
      if (syncrepKills && f.syncWaitKills() == 0) {
        return "a backend terminated while its COMMIT waited for the standby";
      }
      return f.crashes() == 1 ? null : "the failover";
    }
    if (patroni) {
      if (killEveryMillis > 0 && f.kills() == 0) {
        return "a backend kill";
      }
      if (f.crashes() < crashes) {
        return "a server fault (" + f.crashes() + " of " + crashes + ")";
      }
      return f.recoveries().size() < crashes
          ? "a write after each server fault (" + f.recoveries().size() + " of " + crashes + ")"
          : null;
    }
    if (killEveryMillis > 0 && f.kills() == 0) {
      return "a backend kill";
    }
    if (cutEveryMillis > 0 && f.commitCuts() == 0) {
      return "a cut just after COMMIT";
    }
    return f.crashes() < crashes ? "a crash (" + f.crashes() + " of " + crashes + ")" : null;
  }

  private Chaos.Settings settings(long killEvery, int crashCount, Duration cutEvery) {
    return new Chaos.Settings(
        clients,
        Duration.ofSeconds(seconds),
        accounts,
        Duration.ofMillis(killEvery),
        crashCount,
        cutEvery,
        seed);
  }

  private static void print(PrintWriter out, ChaosReport r) {
    Faults f = r.faults();
    String row = "%-44s %,12d%n";
    out.printf("%n%-44s %12s%n", "", "chaos");
    out.printf(row, "clients", r.clients());
    out.printf(row, "seconds", r.seconds());
    out.printf(row, "operations", r.operations());
    out.printf(row, "acknowledged", r.acknowledged());
    out.printf(row, "unknown", r.unknown());
    out.printf(row, "resolved by replay", r.resolved());
    out.printf(row, "applied", r.applied());
    out.printf(row, "backends killed", f.kills());
    out.printf(row, f.failover() ? "server faults (failovers)" : "crashes", f.crashes());
    out.printf(row, "cuts", f.cuts());
    out.printf(row, "cuts just after COMMIT", f.commitCuts());
    out.printf(row, "terminated while waiting for the standby", f.syncWaitKills());
    out.printf(row, "replayed again to check", r.replayChecks());
    out.printf(row, "violations", r.violations().size());
    for (int i = 0; i < f.recoveries().size(); i++) {
      FaultRecovery fr = f.recoveries().get(i);
      out.printf(row, (i + 1) + ". " + fr.fault() + ": ms to a write", fr.millis());
    }
    r.violations().forEach(v -> out.println("VIOLATION: " + v));
    out.println(r.clean() ? "every check held" : r.violations().size() + " violation(s)");
  }

  private Integer invalid(String message) {
    spec.commandLine().getErr().println("chaos: " + message);
    return spec.exitCodeOnInvalidInput();
  }
}
