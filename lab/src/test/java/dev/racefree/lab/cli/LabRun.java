package dev.racefree.lab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.SharedServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One lab command run as a user runs it, against the tests' shared server: its exit code, what it
 * printed, and the JSON report it wrote into {@code dir}.
 */
record LabRun(int code, String out, String err, JsonNode report) {

  /**
   * Runs {@code command} with {@code options}, the server's address, {@code --json} and no bars.
   */
  static LabRun of(Path dir, String command, String... options) throws Exception {
    LabServer server = SharedServer.get();
    Path json = dir.resolve(command + ".json");
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            command, "--jdbc-url", server.connect().jdbcUrl(), "--user", server.connect().user()));
    args.addAll(List.of(options));
    args.addAll(List.of("--json", json.toString(), "--no-progress"));
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        LabCommand.commandLine()
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args.toArray(String[]::new));
    return new LabRun(
        code, out.toString(), err.toString(), new ObjectMapper().readTree(json.toFile()));
  }

  /** The report's row for {@code strategy}. */
  JsonNode row(String strategy) {
    for (JsonNode r : report.get("results")) {
      if (strategy.equals(r.get("strategy").asText())) {
        return r;
      }
    }
    throw new AssertionError("no row for " + strategy + " in " + report);
  }
}
