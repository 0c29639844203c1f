package dev.racefree.lab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.lab.load.LabAccounts;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.strategies.Gap;
import dev.racefree.lab.strategies.Operations;
import dev.racefree.lab.strategies.Strategy;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.jooq.DSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code verify}: 0 on a clean ledger, 1 with each finding printed, 2 without a server. */
class VerifyCommandTest {

  private static LabServer server;

  @BeforeAll
  static void start() throws Exception {
    server = LabServer.embedded(false, 100); // PostgreSQL's stock max_connections
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private record Run(int code, String out, String err) {}

  private static Run verify(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        new CommandLine(new VerifyCommand())
            .setOut(new PrintWriter(out, true))
            .setErr(new PrintWriter(err, true))
            .execute(args);
    return new Run(code, out.toString(), err.toString());
  }

  private static Run verifyServer() {
    return verify("--jdbc-url", server.connect().jdbcUrl(), "--user", server.connect().user());
  }

  @Test
  void clean_then_a_naive_write_behind_the_ledgers_back_is_found_and_named() throws Exception {
    DSLContext admin = server.admin();
    long[] ids = LabAccounts.open(admin, "verify", 2, 1_000);
    Operations.debit(Strategy.ATOMIC, admin, 10, Gap.NONE, null).apply(ids[0]);

    Run clean = verifyServer();
    assertThat(clean.code()).as(clean.out() + clean.err()).isZero();
    assertThat(clean.out())
        .contains("fsync=off", "synchronous_commit=off", "balance mismatches", "OK");

    Operations.debit(Strategy.NAIVE, admin, 10, Gap.NONE, null).apply(ids[1]);

    Run broken = verifyServer();
    assertThat(broken.code()).as(broken.out() + broken.err()).isEqualTo(LabCommand.BROKE_INVARIANT);
    assertThat(broken.out())
        .contains("balance mismatches (balance != sum of ledger entries): 1")
        .contains("account " + ids[1] + ": balance 990, entries sum 1,000")
        .doesNotContain("account " + ids[0] + ":")
        .contains("FAILED");
  }

  @Test
  void without_a_server_it_says_it_needs_one_and_exits_2() {
    Run run = verify();
    assertThat(run.code()).isEqualTo(2);
    assertThat(run.err()).contains("needs --jdbc-url");
  }
}
