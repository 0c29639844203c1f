package dev.racefree.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code race --strategy quota,naive-quota} end to end on the shared embedded server: the command
 * takes the dashed name, racefree's consume grants exactly the cap to a burst asking for more, the
 * table and the JSON say how many units were consumed against the cap, and the run exits 0. Without
 * a barrier how far naive-quota overruns is up to the scheduler, so only its counts are asserted
 * here (QuotaRaceTest makes its overrun exact).
 */
class RaceQuotaTest {

  private static final int CLIENTS = 16;
  private static final int OPS = 20;
  private static final int CAP = 100;

  @TempDir static Path dir;

  private static int code;
  private static String out;
  private static String err;
  private static LabRun rows;

  @BeforeAll
  static void race() throws Exception {
    LabRun run =
        LabRun.of(
            dir,
            "race",
            "--strategy",
            "quota,naive-quota",
            "--clients",
            String.valueOf(CLIENTS),
            "--ops-per-client",
            String.valueOf(OPS),
            "--cap",
            String.valueOf(CAP));
    code = run.code();
    out = run.out();
    err = run.err();
    rows = run;
  }

  private static JsonNode row(String strategy) {
    return rows.row(strategy);
  }

  @Test
  void racefree_consumes_exactly_the_cap_and_the_run_exits_0() {
    assertThat(code).as(out + err).isZero();
    JsonNode quota = row("quota");
    assertThat(quota.get("succeeded").asLong()).isEqualTo(CAP);
    assertThat(quota.get("rejected").asLong()).isEqualTo(CLIENTS * OPS - CAP);
    assertThat(quota.get("errors").asLong()).isZero();
    assertThat(quota.get("invariantViolations").asLong()).isZero();
    JsonNode use = quota.get("quota");
    assertThat(use.get("cap").asLong()).isEqualTo(CAP);
    assertThat(use.get("consumed").asLong()).isEqualTo(CAP);
    assertThat(use.get("counted").asLong()).isEqualTo(CAP);
    assertThat(use.get("overrun").asLong()).isZero();
    assertThat(out)
        .contains("== quota (1 hot counter) ==")
        .contains(
            "quota        16 clients: within the cap: 100 units consumed, a cap of 100, and"
                + " counted exactly")
        .contains("OK: every racefree strategy kept every balance exact.");
  }

  @Test
  void naive_quota_answered_every_request_and_its_row_says_what_it_granted_against_the_cap() {
    JsonNode naive = row("naive-quota");
    assertThat(naive.get("errors").asLong()).isZero();
    assertThat(naive.get("succeeded").asLong() + naive.get("rejected").asLong())
        .isEqualTo(CLIENTS * OPS);
    JsonNode use = naive.get("quota");
    assertThat(use.get("cap").asLong()).isEqualTo(CAP);
    assertThat(use.get("consumed").asLong()).isEqualTo(naive.get("succeeded").asLong());
    assertThat(use.get("overrun").asLong())
        .isEqualTo(Math.max(0, use.get("consumed").asLong() - CAP));
    assertThat(out)
        .contains("== naive-quota (1 hot counter) ==")
        .contains("naive-quota  16 clients: ");
  }
}
