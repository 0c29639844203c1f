package dev.racefree.lab.chaos;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;

import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.AuditReport;
import dev.racefree.Racefree;
import dev.racefree.lab.load.LabAccounts;
import dev.racefree.lab.server.LabServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jooq.DSLContext;

/**
 * Runs chaos clients against fault injection, then checks: every balance is exactly what the
 * acknowledged outcomes imply (so money is conserved and nothing was applied twice or lost), no
 * balance below its bound, {@code verify()} clean, one ledger entry per applied change, and a
 * sample of operations replayed again with their keys answers the same and changes nothing.
 */
public final class Chaos {

  /** Each chaos account's opening balance. */
  static final long INITIAL = 1_000_000;

  /**
   * How a run goes.
   *
   * @param killEvery the interval between backend kills
   */
  public record Settings(
      int clients, Duration duration, int accounts, Duration killEvery, long seed) {}

  private Chaos() {}

  public static ChaosReport run(LabServer server, Settings s)
      throws InterruptedException, ExecutionException {
    DSLContext admin = server.admin();
    long[] ids = LabAccounts.open(admin, "chaos", s.accounts(), INITIAL);
    List<Outcome> outcomes = new ArrayList<>();
    int kills;
    try (HikariDataSource pool = server.pool(s.clients())) {
      Racefree rf = Racefree.using(LabServer.dsl(pool));
      BackendKiller killer =
          new BackendKiller(admin, server.applicationName(), s.killEvery().toNanos());
      Thread killing = Thread.ofPlatform().name("chaos-killer").start(killer);
      long deadline = System.nanoTime() + s.duration().toNanos();
      ExecutorService clients = Executors.newFixedThreadPool(s.clients());
      try {
        List<Future<List<Outcome>>> running = new ArrayList<>();
        for (int c = 0; c < s.clients(); c++) {
          int client = c;
          running.add(
              clients.submit(() ->
                  ChaosClient.run(rf, client, ids[0], ids.length, deadline, s.seed() + client)));
        }
        for (Future<List<Outcome>> f : running) {
          outcomes.addAll(f.get());
        }
      } finally {
        killer.stop();
        killing.join();
        clients.shutdownNow();
      }
      kills = killer.kills();
      return check(server, rf, ids, outcomes, kills, s);
    }
  }

  private static ChaosReport check(
      LabServer server, Racefree rf, long[] ids, List<Outcome> outcomes, int kills, Settings s) {
    DSLContext admin = server.admin();
    List<String> violations = new ArrayList<>();
    long[] expected = new long[ids.length];
    java.util.Arrays.fill(expected, INITIAL);
    long applied = 0;
    long entries = ids.length; // the opening credits
    for (Outcome o : outcomes) {
      o.op().apply(o.result(), expected, ids[0]);
      int written = Op.entries(o.result());
      entries += written;
      applied += written > 0 ? 1 : 0;
    }
    long[] actual = LabAccounts.balances(admin, "chaos", ids);
    for (int i = 0; i < ids.length; i++) {
      if (actual[i] != expected[i]) {
        violations.add(
            "account "
                + ids[i]
                + ": balance "
                + actual[i]
                + ", acknowledged outcomes say "
                + expected[i]);
      }
      if (actual[i] < 0) {
        violations.add("account " + ids[i] + ": below its bound at " + actual[i]);
      }
    }
    int ledger =
        admin.fetchCount(
            LEDGER_ENTRIES, LEDGER_ENTRIES.ACCOUNT_ID.between(ids[0], ids[ids.length - 1]));
    if (ledger != entries) {
      violations.add("ledger: " + ledger + " entries, one per applied change says " + entries);
    }
    AuditReport audit = Racefree.using(admin).verify();
    for (AuditReport.BalanceMismatch m : audit.balanceMismatches()) {
      if (m.accountId() >= ids[0] && m.accountId() <= ids[ids.length - 1]) {
        violations.add("verify(): account " + m.accountId() + " is not the sum of its entries");
      }
    }
    // Nothing applied twice: replayed again with their keys, a sample answers the same.
    SplittableRandom random = new SplittableRandom(s.seed());
    long checks = Math.min(200, outcomes.size());
    for (long i = 0; i < checks; i++) {
      Outcome o = outcomes.get(random.nextInt(outcomes.size()));
      Object again = ChaosClient.resolve(rf, o.op()).result();
      if (!again.equals(o.result())) {
        violations.add(
            "replay of " + o.op().key() + " answered " + again + ", first " + o.result());
      }
    }
    // Every call that saw a lost connection: asked once more, its key gives the answer it got.
    long unknown = 0;
    long resolved = 0;
    for (Outcome o : outcomes) {
      if (o.wasUnknown()) {
        unknown++;
        Object again = ChaosClient.resolve(rf, o.op()).result();
        if (again.equals(o.result())) {
          resolved++;
        } else {
          violations.add("unknown " + o.op().key() + " answered " + again + ", then " + o.result());
        }
      }
    }
    // After every replay above: none of them may have moved money.
    if (!java.util.Arrays.equals(LabAccounts.balances(admin, "chaos", ids), actual)) {
      violations.add("replaying keyed operations changed balances");
    }
    return new ChaosReport(
        s.clients(),
        s.duration().toSeconds(),
        outcomes.size(),
        outcomes.size() - unknown,
        unknown,
        resolved,
        applied,
        kills,
        checks,
        violations);
  }
}
