package dev.racefree.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code race --strategy velocity,naive-velocity} end to end on the shared embedded server: the
 * command takes the dashed name, racefree's debit takes exactly the daily limit from a burst asking
 * for more, the table and the JSON say what the limits came to, and the run exits 0. Without a
 * barrier how far naive-velocity overruns is up to the scheduler, so only its counts are asserted
 * here (VelocityRaceTest makes its overrun exact).
 */
class RaceVelocityTest {

  private static final int CLIENTS = 16;
  private static final int OPS = 20;
  private static final int AMOUNT = 5;
  private static final int LIMIT = 500;

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
            "velocity,naive-velocity",
            "--clients",
            String.valueOf(CLIENTS),
            "--ops-per-client",
            String.valueOf(OPS),
            "--amount",
            String.valueOf(AMOUNT),
            "--cap",
            String.valueOf(LIMIT));
    code = run.code();
    out = run.out();
    err = run.err();
    rows = run;
  }

  private static JsonNode row(String strategy) {
    return rows.row(strategy);
  }

  @Test
  void racefree_takes_exactly_the_daily_limit_and_the_run_exits_0() {
    assertThat(code).as(out + err).isZero();
    JsonNode row = row("velocity");
    // 320 debits of 5 ask for 1,600: the limit of 500 fits 100 of them.
    assertThat(row.get("succeeded").asLong()).isEqualTo(LIMIT / AMOUNT);
    assertThat(row.get("rejected").asLong()).isEqualTo(CLIENTS * OPS - LIMIT / AMOUNT);
    assertThat(row.get("errors").asLong()).isZero();
    assertThat(row.get("lostUpdates").asLong()).isZero();
    assertThat(row.get("invariantViolations").asLong()).isZero();
    assertThat(row.get("ledgerMismatches").asLong()).isZero();
    JsonNode use = row.get("velocity");
    assertThat(use.get("limit").asLong()).isEqualTo(LIMIT);
    assertThat(use.get("spent").asLong()).isEqualTo(LIMIT);
    assertThat(use.get("counted").asLong()).isEqualTo(LIMIT);
    assertThat(use.get("overrun").asLong()).isZero();
    assertThat(row.has("quota")).isFalse();
    assertThat(row.has("code")).isFalse();
    assertThat(out)
        .contains("workload: 1 hot account, 20 debits of 5 per client")
        .contains("daily limits: one per account (UTC), 500")
        .contains("== velocity (1 hot account, a daily limit each) ==")
        .contains(
            "velocity     16 clients: within the limit: 100 debits took 500 against a daily limit"
                + " of 500, and the balance moved by exactly that")
        .contains("OK: every racefree strategy kept every balance exact.");
  }

  @Test
  void naive_velocity_answered_every_request_and_its_row_says_what_it_took_against_the_limit() {
    JsonNode naive = row("naive-velocity");
    assertThat(naive.get("errors").asLong()).isZero();
    assertThat(naive.get("succeeded").asLong() + naive.get("rejected").asLong())
        .isEqualTo(CLIENTS * OPS);
    assertThat(naive.get("lostUpdates").asLong()).as("its debits are racefree's").isZero();
    JsonNode use = naive.get("velocity");
    long spent = use.get("spent").asLong();
    assertThat(use.get("limit").asLong()).isEqualTo(LIMIT);
    assertThat(spent).isEqualTo(AMOUNT * naive.get("succeeded").asLong());
    assertThat(use.get("counted").asLong())
        .as("each debit naive-velocity made is in the ledger")
        .isEqualTo(spent);
    assertThat(use.get("overrun").asLong()).isEqualTo(Math.max(0, spent - LIMIT));
    assertThat(out)
        .contains("== naive-velocity (1 hot account, a daily limit each) ==")
        .contains("naive-velocity  16 clients: ");
  }
}
