package dev.racefree.lab.cli;

import dev.racefree.RetryPolicy;
import dev.racefree.lab.load.AccountChoice;
import dev.racefree.lab.load.LabCodes;
import dev.racefree.lab.race.Race;
import dev.racefree.lab.race.RaceSettings;
import dev.racefree.lab.report.Progress;
import dev.racefree.lab.report.Report;
import dev.racefree.lab.report.ResultRow;
import dev.racefree.lab.report.ResultTable;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.server.ServerInfo;
import dev.racefree.lab.strategies.Gap;
import dev.racefree.lab.strategies.Operations;
import dev.racefree.lab.strategies.Strategy;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code race}: every strategy debits the same accounts (or consumes from the same quota counters,
 * redeems the same codes, or debits under a daily limit) from many clients at once; who lost money,
 * who granted more than the cap?
 */
@Command(
    name = "race",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Many clients debit the same account(s) at once, once per strategy, each strategy on its own accounts"
          + " (owner lab:<strategy>). Then every balance is read back and checked against the successful debits,"
          + " and racefree's audit (Racefree.verify(): balance = sum of ledger entries, none negative) is run.",
      "naive reads, computes and writes back unconditionally, and loses updates; atomic, pessimistic,"
          + " optimistic, holds and batched are racefree's and must lose none.",
      "quota and naive-quota consume a unit at a time from a quota counter per account (Period.total()),"
          + " against --cap: quota is racefree's consume (one INSERT ... ON CONFLICT DO UPDATE ... WHERE the"
          + " unit fits) and must never grant more than the cap; naive-quota reads the usage, checks it in"
          + " Java and writes it back plus one, and grants more than the cap.",
      "code and naive-code redeem a multi-use code per account, with a total cap (--cap) and a cap per"
          + " redeemer (--per-redeemer), for redeemers drawn Zipf-distributed from --redeemers: code is"
          + " racefree's redeem and must never pass either cap; naive-code reads the uses and the"
          + " redeemer's count, checks both caps in Java, then writes the uses read plus one and inserts"
          + " a redemption, and passes both.",
      "velocity and naive-velocity debit accounts with a daily limit on the amount (--cap, per day in"
          + " UTC): velocity is racefree's debit, which checks and counts the limit in the statement that"
          + " checks the funds, and must never pass it; naive-velocity sums the day's debits from the"
          + " ledger, checks the limit in Java, then debits, in one transaction, and passes it.",
      "Exit code 1 if a racefree strategy lost an update, overran a cap or broke an invariant, 3 if it hit"
          + " unexpected errors; naive, naive-quota, naive-code and naive-velocity never count."
    })
final class RaceCommand implements Callable<Integer> {

  @Option(
      names = "--strategy",
      split = ",",
      paramLabel = "NAME",
      description = "Strategies, comma separated: ${COMPLETION-CANDIDATES}. Default: all.")
  List<Strategy> strategies = List.of(Strategy.values());

  @Option(
      names = "--clients",
      split = ",",
      paramLabel = "N",
      description =
          "Concurrent clients; a comma-separated list runs each count in turn. Default: ${DEFAULT-VALUE}.")
  List<Integer> clients = List.of(32);

  @Option(
      names = "--ops-per-client",
      paramLabel = "N",
      description =
          "Requests (debits, consumptions, redemptions) per client. Default: ${DEFAULT-VALUE}.")
  long opsPerClient = 50;

  @Option(
      names = "--accounts",
      paramLabel = "N",
      description =
          "Accounts per strategy: 1 is one hot account; more are picked uniformly at random (or see --zipf)."
              + " Default: ${DEFAULT-VALUE}.")
  int accounts = 1;

  @Option(
      names = "--zipf",
      paramLabel = "S",
      description = "Pick accounts Zipf-distributed with exponent S (> 0) instead of uniformly.")
  double zipf;

  @Option(
      names = "--amount",
      paramLabel = "MINOR_UNITS",
      description = "Each debit. Default: ${DEFAULT-VALUE}.")
  long amount = 1;

  @Option(
      names = "--initial-balance",
      paramLabel = "MINOR_UNITS",
      description =
          "Each account's starting balance. The default is large enough that no debit is refused for"
              + " lack of funds, so every lost update shows in the balance. Default: ${DEFAULT-VALUE}.")
  long initialBalance = 1_000_000_000L;

  @Option(
      names = "--cap",
      paramLabel = "UNITS",
      description =
          "quota, naive-quota: each counter's cap; code, naive-code: each code's total cap;"
              + " velocity, naive-velocity: each account's daily limit, in minor units. Default: half the"
              + " requests a counter or code gets (clients x ops-per-client / accounts / 2), or half what"
              + " an account's debits ask for (that times --amount), so the requests ask for twice the"
              + " cap.")
  long cap;

  @Option(
      names = "--per-redeemer",
      paramLabel = "N",
      description =
          "code, naive-code: each code's cap per redeemer, at most --cap. Default: twice the cap shared"
              + " among the redeemers (2 x cap / redeemers), so the busiest redeemers reach theirs"
              + " before the code runs out.")
  long perRedeemer;

  @Option(
      names = "--redeemers",
      paramLabel = "N",
      description =
          "code, naive-code: the redeemers each code's requests come from, drawn Zipf-distributed"
              + " (s = 1: the busiest sends most). Default: ${DEFAULT-VALUE}.")
  int redeemers = RaceSettings.DEFAULT_REDEEMERS;

  @Option(
      names = "--max-attempts",
      paramLabel = "N",
      description =
          "optimistic: attempts per debit before giving up (RetryPolicy.attempts). Default: ${DEFAULT-VALUE}.")
  int maxAttempts = 1_000;

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Mixin
  ServerOptions server;

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Mixin
  OutputOptions output;

  @SuppressWarnings("NullAway.Init") // picocli injects it before call()
  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    RaceSettings settings =
        new RaceSettings(
            strategies,
            clients,
            opsPerClient,
            new AccountChoice(accounts, zipf),
            amount,
            initialBalance,
            cap,
            perRedeemer,
            redeemers,
            RetryPolicy.attempts(maxAttempts)
                .withBackoff(Duration.ofMillis(1), Duration.ofMillis(50)),
            c -> Gap.NONE);
    long started = System.nanoTime();
    PrintWriter out = spec.commandLine().getOut();
    try (LabServer labServer = server.start()) {
      ServerInfo info = ServerInfo.of(labServer);
      out.println("racefree lab: race");
      out.println("server: " + info.describe());
      if (settings.strategies().stream().anyMatch(st -> st.debit() || st.velocity())) {
        out.printf(
            "workload: %s, %d debits of %d per client, initial balance %,d per account%n",
            settings.accounts().describe(), opsPerClient, amount, initialBalance);
      } else {
        out.printf(
            "workload: %s, %d requests per client%n", settings.accounts().describe(), opsPerClient);
      }
      if (settings.quotas()) {
        out.printf(
            "quotas: a counter per account, %d unit per request, cap %s%n",
            Operations.QUOTA_UNITS,
            cap > 0
                ? String.format("%,d", cap)
                : "half the requests a counter gets ("
                    + String.join(
                        ", ",
                        clients.stream()
                            .map(c -> String.format("%,d at %d clients", settings.capAt(c), c))
                            .toList())
                    + ")");
      }
      if (settings.codes()) {
        out.printf(
            "codes: a code per account, %d redeemers (Zipf s=%s), %s%n",
            settings.redeemers(),
            LabCodes.REDEEMER_ZIPF,
            String.join(
                ", ",
                clients.stream()
                    .map(c ->
                        String.format(
                            "cap %,d and %,d per redeemer%s",
                            settings.capAt(c),
                            settings.perRedeemerAt(c),
                            clients.size() == 1 ? "" : " at " + c + " clients"))
                    .toList()));
      }
      if (settings.velocities()) {
        out.printf(
            "daily limits: one per account (UTC), %s%n",
            String.join(
                ", ",
                clients.stream()
                    .map(c ->
                        String.format(
                            "%,d%s",
                            settings.limitAt(c),
                            clients.size() == 1 ? "" : " at " + c + " clients"))
                    .toList()));
      }
      out.flush();
      List<ResultRow> rows;
      try (Progress progress =
          Progress.bar("race", settings.totalOps(), "ops", true, !output.noProgress)) {
        rows = Race.run(labServer, settings, progress);
      }
      ResultTable.race(out, rows);
      Report report = new Report(info, rows);
      return Finish.report(
          out,
          report,
          output,
          info.brief(),
          r ->
              "race, "
                  + settings.accounts().describe()
                  + ", "
                  + opsPerClient
                  + " debits per client",
          r -> r.run().strategy(),
          started);
    }
  }
}
