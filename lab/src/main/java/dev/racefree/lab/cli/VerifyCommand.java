package dev.racefree.lab.cli;

import dev.racefree.AuditReport;
import dev.racefree.Racefree;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.ServerInfo;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code verify}: racefree's ledger audit ({@code Racefree.verify()}) on a server, read-only. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs racefree's audit on the server given with --jdbc-url (read-only, no migration): every balance must"
          + " equal the sum of its ledger entries, no balance may be negative, every token redemption must be"
          + " consistent. Prints each finding.",
      "Exit code 0 when clean, 1 when the audit found something, 2 without --jdbc-url."
    })
final class VerifyCommand implements Callable<Integer> {

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Mixin
  ServerOptions server;

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if (!server.given()) {
      PrintWriter err = spec.commandLine().getErr();
      err.println(
          "racefree-lab verify: needs --jdbc-url (and --user/--password): an embedded server would be"
              + " empty, so there would be nothing to audit.");
      err.flush();
      return spec.exitCodeOnInvalidInput();
    }
    long started = System.nanoTime();
    try (LabServer labServer = LabServer.existing(server.connect())) {
      out.println("racefree lab: verify");
      out.println("server: " + ServerInfo.of(labServer).describe());
      AuditReport audit = Racefree.using(labServer.admin()).verify();
      section(
          out,
          "balance mismatches (balance != sum of ledger entries)",
          audit.balanceMismatches().stream()
              .map(m ->
                  String.format(
                      "account %d: balance %,d, entries sum %,d (difference %,d)",
                      m.accountId(), m.balance(), m.entriesSum(), m.balance() - m.entriesSum()))
              .toList());
      section(
          out,
          "accounts outside their limits",
          audit.outsideLimits().stream().map(id -> "account " + id).toList());
      section(
          out,
          "held amounts that are not the sum of active holds",
          audit.heldMismatches().stream()
              .map(m ->
                  "account "
                      + m.accountId()
                      + ": held "
                      + m.held()
                      + ", active holds "
                      + m.activeHolds())
              .toList());
      section(
          out,
          "token problems",
          audit.tokenProblems().stream()
              .map(p -> "token " + p.tokenId() + ": " + p.problem())
              .toList());
      section(
          out,
          "code problems",
          audit.codeProblems().stream()
              .map(p -> "code " + p.codeId() + ": " + p.problem())
              .toList());
      out.printf("wall time: %.1f s%n", (System.nanoTime() - started) / 1e9);
      out.println(
          audit.isClean()
              ? "OK: the ledger audit is clean."
              : "FAILED: the ledger audit found " + findings(audit) + " problem(s).");
      out.flush();
      return audit.isClean() ? 0 : LabCommand.BROKE_INVARIANT;
    }
  }

  private static void section(PrintWriter out, String title, List<String> findings) {
    out.printf("%s: %d%n", title, findings.size());
    findings.forEach(f -> out.println("  " + f));
  }

  private static int findings(AuditReport audit) {
    return audit.balanceMismatches().size()
        + audit.outsideLimits().size()
        + audit.heldMismatches().size()
        + audit.tokenProblems().size()
        + audit.codeProblems().size();
  }
}
