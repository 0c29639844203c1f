package dev.racefree.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.racefree.lab.baselines.PgbenchLocator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bench --strategy quota} end to end on the shared embedded server: quota brings the atomic
 * debit, measured first at each point; on the hot row and on the uniform accounts racefree's
 * consume is never refused, every counter counts exactly the units granted, and the atomic debit's
 * rows of the point follow it as its baselines, each with a ratio. Only invariants are asserted,
 * never a time.
 */
class BenchQuotaTest {

  @TempDir static Path dir;

  private static boolean pgbench;
  private static int code;
  private static String out;
  private static String err;
  private static JsonNode report;

  @BeforeAll
  static void bench() throws Exception {
    pgbench = new PgbenchLocator().find(null).isPresent();
    LabRun run =
        LabRun.of(
            dir,
            "bench",
            "--strategy",
            "quota",
            "--clients",
            "4",
            "--duration",
            "1",
            "--warmup",
            "1",
            "--uniform-accounts",
            "50");
    code = run.code();
    out = run.out();
    err = run.err();
    report = run.report();
  }

  private static List<JsonNode> rows(String strategy, int accounts) {
    List<JsonNode> rows = new ArrayList<>();
    for (JsonNode r : report.get("results")) {
      if (strategy.equals(r.get("strategy").asText()) && r.get("accounts").asInt() == accounts) {
        rows.add(r);
      }
    }
    return rows;
  }

  @Test
  void quota_consumptions_are_never_refused_and_every_counter_counts_what_it_granted() {
    assertThat(code).as(out + err).isZero();
    for (int accounts : List.of(1, 50)) {
      JsonNode own = rows("quota", accounts).getFirst();
      assertThat(own.has("baseline")).isFalse();
      assertThat(own.has("skipped")).isFalse();
      assertThat(own.get("ops").asLong()).isPositive();
      assertThat(own.get("succeeded").asLong()).isEqualTo(own.get("ops").asLong());
      assertThat(own.get("rejected").asLong()).as("the cap is never reached").isZero();
      assertThat(own.get("errors").asLong()).isZero();
      assertThat(own.get("lostUpdates").asLong()).isZero();
      assertThat(own.get("invariantViolations").asLong())
          .as("the counters count exactly the units granted")
          .isZero();
    }
  }

  @Test
  void the_atomic_debit_runs_first_and_its_rows_of_the_point_are_the_quotas_baselines() {
    List<String> atomic =
        pgbench
            ? List.of("atomic", "atomic jdbc", "atomic pgbench")
            : List.of("atomic", "atomic jdbc");
    for (int accounts : List.of(1, 50)) {
      assertThat(rows("atomic", accounts)).as("racefree, jdbc (and pgbench)").isNotEmpty();
      List<JsonNode> quota = rows("quota", accounts);
      assertThat(quota.subList(1, quota.size()))
          .extracting(r -> r.get("baseline").asText())
          .containsExactlyElementsOf(atomic);
      assertThat(quota.subList(1, quota.size())).allMatch(r -> r.get("ratio").asDouble() > 0);
    }
    assertThat(report.get("results").get(0).get("strategy").asText()).isEqualTo("atomic");
    assertThat(out)
        .contains("== quota, hot row (1 account) ==")
        .contains("quota: a counter per account (Period.total()), consumptions of 1 against a cap");
  }
}
