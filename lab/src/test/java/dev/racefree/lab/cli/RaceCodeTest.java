package dev.racefree.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code race --strategy code,naive-code} end to end on the shared embedded server: the command
 * takes the dashed name, racefree's redeem grants exactly the code's cap to a burst from a few
 * redeemers asking for more, none beyond its cap per redeemer, the table and the JSON say what the
 * codes came to, and the run exits 0. Without a barrier how far naive-code overruns is up to the
 * scheduler, so only its counts are asserted here (CodeRaceTest makes its overrun exact).
 */
class RaceCodeTest {

  private static final int CLIENTS = 16;
  private static final int OPS = 20;
  private static final int CAP = 100;
  private static final int PER_REDEEMER = 20;
  private static final int REDEEMERS = 8;

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
            "code,naive-code",
            "--clients",
            String.valueOf(CLIENTS),
            "--ops-per-client",
            String.valueOf(OPS),
            "--cap",
            String.valueOf(CAP),
            "--per-redeemer",
            String.valueOf(PER_REDEEMER),
            "--redeemers",
            String.valueOf(REDEEMERS));
    code = run.code();
    out = run.out();
    err = run.err();
    rows = run;
  }

  private static JsonNode row(String strategy) {
    return rows.row(strategy);
  }

  @Test
  void racefree_redeems_exactly_the_cap_none_beyond_a_redeemers_and_the_run_exits_0() {
    assertThat(code).as(out + err).isZero();
    JsonNode row = row("code");
    // 8 redeemers' caps of 20 add up to 160, and the 320 requests reach more than 100 of them: the
    // code's cap ends the run.
    assertThat(row.get("succeeded").asLong()).isEqualTo(CAP);
    assertThat(row.get("rejected").asLong()).isEqualTo(CLIENTS * OPS - CAP);
    assertThat(row.get("errors").asLong()).isZero();
    assertThat(row.get("invariantViolations").asLong()).isZero();
    JsonNode use = row.get("code");
    assertThat(use.get("cap").asLong()).isEqualTo(CAP);
    assertThat(use.get("perRedeemer").asLong()).isEqualTo(PER_REDEEMER);
    assertThat(use.get("redeemers").asInt()).isEqualTo(REDEEMERS);
    assertThat(use.get("redeemed").asLong()).isEqualTo(CAP);
    assertThat(use.get("rows").asLong()).isEqualTo(CAP);
    assertThat(use.get("uses").asLong()).isEqualTo(CAP);
    assertThat(use.get("overrun").asLong()).isZero();
    assertThat(use.get("redeemersOver").asLong()).isZero();
    assertThat(use.get("audited").asLong()).isZero();
    assertThat(use.get("exhausted").asLong() + use.get("atLimit").asLong())
        .isEqualTo(CLIENTS * OPS - CAP);
    assertThat(row.has("quota")).isFalse();
    assertThat(out)
        .contains(
            "codes: a code per account, 8 redeemers (Zipf s=1.0), cap 100 and 20 per redeemer")
        .contains("== code (1 hot code, 8 redeemers) ==")
        .contains(
            "code         16 clients: within the caps: 100 redeemed against a cap of 100 and 20 per"
                + " redeemer, and counted exactly")
        .contains("OK: every racefree strategy kept every balance exact.");
  }

  @Test
  void naive_code_answered_every_request_and_its_row_says_what_it_granted_against_the_caps() {
    JsonNode naive = row("naive-code");
    assertThat(naive.get("errors").asLong()).isZero();
    assertThat(naive.get("succeeded").asLong() + naive.get("rejected").asLong())
        .isEqualTo(CLIENTS * OPS);
    JsonNode use = naive.get("code");
    assertThat(use.get("cap").asLong()).isEqualTo(CAP);
    assertThat(use.get("redeemed").asLong()).isEqualTo(naive.get("succeeded").asLong());
    assertThat(use.get("rows").asLong())
        .as("each redemption naive-code granted wrote its row")
        .isEqualTo(use.get("redeemed").asLong());
    assertThat(use.get("overrun").asLong())
        .isEqualTo(Math.max(0, use.get("redeemed").asLong() - CAP));
    assertThat(use.get("exhausted").asLong() + use.get("atLimit").asLong())
        .isEqualTo(naive.get("rejected").asLong());
    assertThat(out)
        .contains("== naive-code (1 hot code, 8 redeemers) ==")
        .contains("naive-code   16 clients: ");
  }
}
