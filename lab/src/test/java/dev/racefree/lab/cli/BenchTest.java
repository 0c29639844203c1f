package dev.racefree.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.racefree.AuditReport;
import dev.racefree.Racefree;
import dev.racefree.lab.baselines.Pgbench;
import dev.racefree.lab.baselines.PgbenchLocator;
import dev.racefree.lab.report.Progress;
import dev.racefree.lab.report.Report;
import dev.racefree.lab.report.ResultRow;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.SharedServer;
import dev.racefree.lab.server.ServerInfo;
import dev.racefree.lab.strategies.Strategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One short bench point per workload: racefree and the raw JDBC baseline both send their debits,
 * every balance is exact, and each baseline row carries its ratio. pgbench joins when the machine
 * has it; its absence is asserted to be reported, never to fail or pass silently.
 */
class BenchTest {

  private static LabServer server;

  @BeforeAll
  static void start() throws Exception {
    server = SharedServer.get();
  }

  @Test
  void racefree_and_its_baselines_debit_the_same_accounts_exactly_and_report_ratios(@TempDir Path dir)
      throws Exception {
    BenchSettings settings = new BenchSettings(List.of(Strategy.ATOMIC, Strategy.PESSIMISTIC),
        List.of(2), Duration.ofSeconds(1), Duration.ofSeconds(1), 50);
    PgbenchLocator locator = new PgbenchLocator();
    Optional<Pgbench> pgbench = locator.find(null).map(p -> new Pgbench(p, server.connect()));
    // Where pgbench was looked for is what the report prints: the found one is the last place, and
    // no place before it held a pgbench.
    assertThat(locator.searched()).isNotEmpty();
    pgbench.ifPresent(p -> assertThat(locator.searched().getLast()).isEqualTo(p.executable()));

    List<ResultRow> rows = new Bench(server, settings, pgbench, Progress.NONE).run();

    int runners = pgbench.isPresent() ? 3 : 2;
    assertThat(rows).hasSize(2 * 2 * runners);
    for (ResultRow r : rows) {
      assertThat(r.ops()).as(r.runner()).isPositive();
      assertThat(r.errors()).as(r.runner()).isZero();
      assertThat(r.rejected()).as("balances are huge: nothing is refused").isZero();
      if (!"pgbench".equals(r.runner())) {
        // pgbench's own transaction count is its word, not the lab's: shown in the report, not asserted.
        assertThat(r.lostUpdates()).as(r.runner() + " " + r.strategy()).isZero();
        assertThat(r.invariantViolations()).as(r.runner()).isZero();
      }
      if (r.baseline() == null) {
        assertThat(r.ratio()).isNull();
      } else {
        assertThat(r.ratio()).as(r.baseline()).isPositive();
      }
    }
    assertThat(rows).extracting(ResultRow::runner).containsOnly(
        pgbench.isPresent() ? new String[] {"racefree", "jdbc", "pgbench"} : new String[] {"racefree", "jdbc"});

    Path json = dir.resolve("bench.json");
    new Report(ServerInfo.of(server), rows).writeJson(json);
    JsonNode tree = new ObjectMapper().readTree(Files.readString(json));
    assertThat(tree.get("server").get("fsync").asText()).isEqualTo("off");
    JsonNode baselineRow = tree.get("results").get(1);
    assertThat(baselineRow.get("baseline").asText()).isEqualTo("jdbc");
    for (String field : List.of("strategy", "clients", "accounts", "ops", "opsPerSecond", "p50Ms", "p99Ms",
        "succeeded", "rejected", "retries", "expectedBalance", "actualBalance", "lostUpdates",
        "invariantViolations", "baseline", "ratio")) {
      assertThat(baselineRow.has(field)).as(field).isTrue();
    }
    assertThat(tree.get("results").get(0).has("baseline")).as("racefree's own row has no baseline").isFalse();

    // The fixtures' opening entries and every runner's debits (racefree, JDBC, pgbench) are journaled.
    assertThat(Racefree.using(server.admin()).verify()).isEqualTo(new AuditReport(List.of(), List.of(), List.of()));
  }
}
