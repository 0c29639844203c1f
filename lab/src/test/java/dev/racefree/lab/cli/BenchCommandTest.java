package dev.racefree.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.racefree.AuditReport;
import dev.racefree.Racefree;
import dev.racefree.lab.baselines.PgbenchLocator;
import dev.racefree.lab.server.LabServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bench command end to end, once, on a server of its own with {@code max_connections = 20}
 * (fsync off: only the invariants are asserted, never a time). At 2 clients racefree, raw JDBC and
 * pgbench (where the machine has it) all debit, every balance stays exact and each baseline row
 * carries its ratio; 32 clients cannot fit, so that point is skipped with its reason, in the table
 * and in the JSON, instead of failing with "too many clients".
 */
class BenchCommandTest {

  private static final int MAX_CONNECTIONS = 20;

  @TempDir static Path dir;

  private static LabServer server;
  private static Optional<Path> pgbench;
  private static int code;
  private static String out;
  private static String err;
  private static JsonNode report;

  @BeforeAll
  static void bench() throws Exception {
    server = LabServer.embedded(false, MAX_CONNECTIONS);
    pgbench = new PgbenchLocator().find(null);
    Path json = dir.resolve("bench.json");
    StringWriter outText = new StringWriter();
    StringWriter errText = new StringWriter();
    code =
        LabCommand.commandLine()
            .setOut(new PrintWriter(outText, true))
            .setErr(new PrintWriter(errText, true))
            .execute(
                "bench",
                "--jdbc-url",
                server.connect().jdbcUrl(),
                "--user",
                server.connect().user(),
                "--strategy",
                "atomic,pessimistic,batched",
                "--clients",
                "2,32",
                "--duration",
                "1",
                "--warmup",
                "1",
                "--uniform-accounts",
                "50",
                "--json",
                json.toString(),
                "--no-progress");
    out = outText.toString();
    err = errText.toString();
    report = new ObjectMapper().readTree(json.toFile());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<JsonNode> rows(int clients) {
    List<JsonNode> rows = new ArrayList<>();
    report
        .get("results")
        .forEach(r -> {
          if (r.get("clients").asInt() == clients) {
            rows.add(r);
          }
        });
    return rows;
  }

  private static String runner(JsonNode row) {
    return row.has("baseline") ? row.get("baseline").asText() : "racefree";
  }

  @Test
  void the_point_that_fits_ran_every_runner_and_every_balance_is_exact() {
    assertThat(code).as(out + err).isZero();
    List<String> runners =
        pgbench.isPresent() ? List.of("racefree", "jdbc", "pgbench") : List.of("racefree", "jdbc");
    List<JsonNode> rows =
        rows(2).stream().filter(r -> !"batched".equals(r.get("strategy").asText())).toList();
    assertThat(rows).as("2 workloads x 2 strategies x each runner").hasSize(4 * runners.size());
    assertThat(rows)
        .extracting(BenchCommandTest::runner)
        .containsOnly(runners.toArray(String[]::new));
    for (JsonNode r : rows) {
      String what =
          runner(r)
              + ", "
              + r.get("strategy").asText()
              + ", "
              + r.get("accounts").asInt()
              + " accounts";
      assertThat(r.has("skipped")).as(what).isFalse();
      assertThat(r.get("ops").asLong()).as(what).isPositive();
      assertThat(r.get("errors").asLong()).as(what).isZero();
      assertThat(r.get("rejected").asLong()).as("balances are huge: nothing is refused").isZero();
      if (!"pgbench".equals(runner(r))) {
        // pgbench's own transaction count is its word, not the lab's: shown in the report, not
        // asserted.
        assertThat(r.get("lostUpdates").asLong()).as(what).isZero();
        assertThat(r.get("invariantViolations").asLong()).as(what).isZero();
      }
      assertThat(r.has("ratio")).as(what).isEqualTo(r.has("baseline"));
    }
    // The fixtures' opening entries and every runner's debits (racefree, JDBC, pgbench) are
    // journaled.
    assertThat(Racefree.using(server.admin()).verify()).isEqualTo(AuditReport.clean());
  }

  @Test
  void the_point_the_server_cannot_hold_is_skipped_with_its_reason_in_the_table_and_the_json() {
    assertThat(err).doesNotContain("too many clients");
    List<JsonNode> rows = rows(32).stream().filter(r -> r.has("skipped")).toList();
    assertThat(rows).as("one row per workload and unbatched strategy").hasSize(4);
    for (JsonNode r : rows) {
      assertThat(r.get("skipped").asText())
          .startsWith("32 clients")
          .contains(
              "max_connections " + MAX_CONNECTIONS,
              "reserved",
              "in use by others",
              "the lab's own");
      assertThat(r.get("ops").asLong()).isZero();
      assertThat(r.has("p50Ms")).as("nothing was measured").isFalse();
    }
    assertThat(
            out.lines()
                .filter(
                    l -> l.matches("\\s+32 racefree skipped\\s+32 clients.*max_connections 20.*")))
        .as(out)
        .hasSize(4);
    assertThat(out).contains("NOTE: 1 client count(s) skipped");
  }

  @Test
  void batched_debits_run_on_their_own_connections_and_compare_with_the_atomic_rows_of_the_point() {
    int runners = pgbench.isPresent() ? 3 : 2;
    for (int clients : List.of(2, 32)) { // 32 clients do not fit, the batching's 8 connections do
      for (int accounts : List.of(1, 50)) {
        List<JsonNode> batched =
            rows(clients).stream()
                .filter(r -> "batched".equals(r.get("strategy").asText()))
                .filter(r -> r.get("accounts").asInt() == accounts)
                .toList();
        JsonNode own = batched.getFirst();
        assertThat(own.has("baseline")).isFalse();
        assertThat(own.get("ops").asLong()).isPositive();
        assertThat(own.get("lostUpdates").asLong()).isZero();
        assertThat(own.get("invariantViolations").asLong()).isZero();
        assertThat(own.get("errors").asLong()).isZero();
        assertThat(own.get("batchSizes").get("p50").asInt()).isBetween(1, clients);
        assertThat(own.get("batchSizes").get("max").asInt()).isBetween(1, clients);
        assertThat(batched.subList(1, batched.size()))
            .as("atomic's rows at the point, or none when atomic was skipped")
            .hasSize(clients == 2 ? runners : 0)
            .allMatch(r -> r.get("baseline").asText().startsWith("atomic") && r.has("ratio"));
      }
    }
    assertThat(out).contains("== batched, hot row (1 account) ==", "atomic jdbc");
  }

  @Test
  void the_report_says_where_pgbench_is_or_where_it_was_looked_for() {
    if (pgbench.isPresent()) {
      assertThat(out).contains("pgbench: " + pgbench.get() + " (pgbench (PostgreSQL)");
    } else {
      assertThat(out).contains("pgbench: NOT FOUND. Looked at [/", "NOTE: pgbench was not found");
    }
    assertThat(out)
        .containsPattern(
            "connections: \\d+ free \\(max_connections 20 - 3 reserved - \\d+ in use by others"
                + " - 2 the lab's own\\)");
  }

  @Test
  void the_json_states_the_server_and_keeps_its_shape() {
    assertThat(report.get("server").get("fsync").asText()).isEqualTo("off");
    JsonNode racefree = report.get("results").get(0);
    JsonNode baseline = report.get("results").get(1);
    assertThat(racefree.has("baseline")).as("racefree's own row has no baseline").isFalse();
    assertThat(baseline.get("baseline").asText()).isEqualTo("jdbc");
    for (String field :
        List.of(
            "strategy",
            "clients",
            "accounts",
            "ops",
            "opsPerSecond",
            "p50Ms",
            "p99Ms",
            "succeeded",
            "rejected",
            "retries",
            "expectedBalance",
            "actualBalance",
            "lostUpdates",
            "invariantViolations",
            "baseline",
            "ratio")) {
      assertThat(baseline.has(field)).as(field).isTrue();
    }
  }
}
