package dev.racefree.lab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.racefree.lab.chaos.Chaos;
import dev.racefree.lab.chaos.ChaosReport;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.ServerInfo;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code chaos}: keyed operations under backend kills; unknown outcomes replayed; books checked.
 */
@Command(
    name = "chaos",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Clients send keyed debits, credits and transfers while the lab terminates random client backends"
          + " (pg_terminate_backend). Every call whose outcome is unknown (a lost connection) is replayed with its"
          + " key until known. Then: every balance must be exactly what the acknowledged outcomes imply, none"
          + " below its bound, verify() clean, one ledger entry per applied change, and a sample replayed again"
          + " must answer the same and change nothing.",
      "Exit code 0 when every check held, 1 on any violation."
    })
final class ChaosCommand implements Callable<Integer> {

  @Option(names = "--clients", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
  int clients = 16;

  @Option(names = "--duration", paramLabel = "SECONDS", description = "Default: ${DEFAULT-VALUE}.")
  int seconds = 20;

  @Option(names = "--accounts", paramLabel = "N", description = "Default: ${DEFAULT-VALUE}.")
  int accounts = 20;

  @Option(
      names = "--kill-every-ms",
      paramLabel = "MS",
      description = "Milliseconds between backend kills. Default: ${DEFAULT-VALUE}.")
  long killEveryMillis = 200;

  @Option(names = "--seed", description = "Random seed. Default: ${DEFAULT-VALUE}.")
  long seed = 20261122L;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the report as JSON.")
  Path json;

  @Mixin ServerOptions server;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (clients < 1 || seconds < 1 || accounts < 2 || killEveryMillis < 1) {
      spec.commandLine()
          .getErr()
          .println("chaos: clients, duration, kill interval >= 1, accounts >= 2");
      return spec.exitCodeOnInvalidInput();
    }
    try (LabServer labServer = server.start()) {
      out.println("racefree lab: chaos");
      out.println("server: " + ServerInfo.of(labServer).describe());
      out.flush();
      ChaosReport r =
          Chaos.run(
              labServer,
              new Chaos.Settings(
                  clients,
                  Duration.ofSeconds(seconds),
                  accounts,
                  Duration.ofMillis(killEveryMillis),
                  seed));
      out.printf(
          "%,d operations by %d clients in %d s: %,d acknowledged, %,d unknown, %,d resolved by"
              + " replay; %,d applied; %d backends killed; %d replayed again to check%n",
          r.operations(),
          r.clients(),
          r.seconds(),
          r.acknowledged(),
          r.unknown(),
          r.resolved(),
          r.applied(),
          r.kills(),
          r.replayChecks());
      r.violations().forEach(v -> out.println("VIOLATION: " + v));
      out.println(r.clean() ? "every check held" : r.violations().size() + " violation(s)");
      if (json != null) {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(json.toFile(), r);
      }
      return r.clean() ? 0 : 1;
    }
  }
}
