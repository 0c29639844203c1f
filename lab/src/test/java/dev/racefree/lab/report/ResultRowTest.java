package dev.racefree.lab.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A result row's parts (what ran, throughput, requests, balances) are one flat JSON object, with
 * the field names the JSON contract has always had.
 */
class ResultRowTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  @Test
  void a_skipped_row_is_flat_with_zero_counts_no_latencies_and_its_reason() {
    ResultRow row = ResultRow.skipped(Run.racefree("atomic", 32, 1), "32 clients do not fit");

    JsonNode json = JSON.valueToTree(row);

    assertThat(fieldNames(json))
        .containsExactly(
            "strategy",
            "clients",
            "accounts",
            "ops",
            "opsPerSecond",
            "succeeded",
            "rejected",
            "retries",
            "deadlocks",
            "errors",
            "expectedBalance",
            "actualBalance",
            "lostUpdates",
            "invariantViolations",
            "skipped");
    assertThat(json.get("skipped").asText()).isEqualTo("32 clients do not fit");
    assertThat(json.get("ops").asLong()).isZero();
    assertThat(row.ran()).isFalse();
    assertThat(row.brokeInvariant()).isFalse();
  }

  @Test
  void a_baseline_row_carries_its_baseline_and_ratio_and_a_race_row_its_ledger_count() {
    ResultRow racefree =
        ResultRow.measured(
            Run.racefree("atomic", 8, 1),
            new Throughput(100, 200.0, 1.0, 2.0),
            new Requests(100, 0, 0, 0, 0),
            Balances.of(900, 900, 0, 0L));
    ResultRow jdbc =
        ResultRow.measured(
                new Run("atomic", 8, 1, "jdbc"),
                new Throughput(100, 100.0, 1.0, 2.0),
                new Requests(100, 0, 0, 0, 0),
                Balances.of(900, 900, 0, null))
            .comparedWith(racefree);

    JsonNode json = JSON.valueToTree(jdbc);

    assertThat(json.get("baseline").asText()).isEqualTo("jdbc");
    assertThat(json.get("ratio").asDouble()).isEqualTo(2.0);
    assertThat(json.get("p50Ms").asDouble()).isEqualTo(1.0);
    assertThat(json.has("ledgerMismatches")).isFalse();
    assertThat(JSON.valueToTree(racefree).get("ledgerMismatches").asLong()).isZero();
    assertThat(jdbc.run().runner()).isEqualTo("jdbc");
    assertThat(jdbc.racefreeStrategy()).isFalse();
  }

  @Test
  void money_left_behind_by_a_racefree_strategy_breaks_its_invariant() {
    ResultRow lost =
        ResultRow.measured(
            Run.racefree("atomic", 8, 1),
            new Throughput(10, 10.0, 1.0, 1.0),
            new Requests(10, 0, 0, 0, 0),
            Balances.of(90, 93, 1, 0L));

    assertThat(lost.balances().lostUpdates()).isEqualTo(3);
    assertThat(lost.brokeInvariant()).isTrue();
  }
}
