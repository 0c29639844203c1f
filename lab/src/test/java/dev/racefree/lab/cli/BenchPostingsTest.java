package dev.racefree.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.racefree.lab.bench.Postings;
import dev.racefree.lab.server.LabServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --postings} end to end, once, on a server of its own (fsync off: only the invariants
 * are asserted, never a time): the scratch schema is migrated to version 10, every runner of every
 * comparison changes balances exactly, and every baseline row carries its ratio.
 */
class BenchPostingsTest {

  @TempDir static Path dir;

  private static LabServer server;
  private static int code;
  private static String out;
  private static JsonNode report;

  @BeforeAll
  static void bench() throws Exception {
    server = LabServer.embedded(false, 20);
    Path json = dir.resolve("postings.json");
    StringWriter outText = new StringWriter();
    code =
        LabCommand.commandLine()
            .setOut(new PrintWriter(outText, true))
            .setErr(new PrintWriter(new StringWriter(), true))
            .execute(
                "bench",
                "--postings",
                "--jdbc-url",
                server.connect().jdbcUrl(),
                "--user",
                server.connect().user(),
                "--clients",
                "2",
                "--duration",
                "1",
                "--warmup",
                "1",
                "--repeat",
                "2",
                "--uniform-accounts",
                "50",
                "--json",
                json.toString(),
                "--no-progress");
    out = outText.toString();
    report = new ObjectMapper().readTree(json.toFile());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void every_runner_of_every_comparison_ran_and_kept_the_balances_exact() {
    assertThat(code).as(out).isZero();
    List<JsonNode> rows = new ArrayList<>();
    report.get("results").forEach(rows::add);
    assertThat(rows).as("3 comparisons x 3 runners").hasSize(9);
    for (JsonNode r : rows) {
      String what = r.get("strategy").asText() + ", " + r.get("accounts").asInt() + " accounts";
      assertThat(r.get("ops").asLong()).as(what).isPositive();
      assertThat(r.get("errors").asLong()).as(what).isZero();
      assertThat(r.get("rejected").asLong()).as(what).isZero();
      assertThat(r.get("lostUpdates").asLong()).as(what).isZero();
      assertThat(r.get("invariantViolations").asLong()).as(what).isZero();
      assertThat(r.has("ratio")).as(what).isEqualTo(r.has("baseline"));
    }
    assertThat(rows)
        .extracting(r -> r.has("baseline") ? r.get("baseline").asText() : "racefree")
        .containsOnly("racefree", "v10", "no chain");
    assertThat(out).contains("== deposit, 50 accounts, uniform ==", "every run, ops/s");
  }

  @Test
  void the_scratch_schema_stays_at_version_10() {
    Table<?> history = DSL.table(DSL.name(Postings.SCRATCH_SCHEMA, "flyway_schema_history"));
    Field<String> version = DSL.field(DSL.name("version"), String.class);
    assertThat(server.admin().fetchExists(history, version.eq("10"))).isTrue();
    assertThat(server.admin().fetchExists(history, version.eq("11"))).isFalse();
  }
}
