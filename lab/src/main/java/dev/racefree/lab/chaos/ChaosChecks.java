package dev.racefree.lab.chaos;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;

import dev.racefree.AuditReport;
import dev.racefree.IssuedToken;
import dev.racefree.Racefree;
import dev.racefree.lab.load.LabAccounts;
import dev.racefree.lab.server.LabServer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongPredicate;
import org.jooq.DSLContext;

/**
 * The books after a chaos run, against what was acknowledged: every balance exactly what the
 * acknowledged outcomes imply (so money is conserved and nothing was applied twice or lost), no
 * balance below its bound, {@code verify()} clean, one ledger entry per applied change, every call
 * that saw a lost connection answered the same once more by its key, a sample replayed again
 * answering the same, and none of those replays moving money.
 */
final class ChaosChecks {

  /** How many outcomes are replayed once more at random. */
  static final int REPLAY_SAMPLE = 200;

  private ChaosChecks() {}

  static ChaosReport check(
      LabServer server,
      long[] ids,
      List<IssuedToken> tokens,
      List<Resolution> resolutions,
      Faults faults,
      Chaos.Settings s) {
    DSLContext admin = server.admin();
    Racefree rf = Racefree.using(admin); // straight to the server, never through the proxy
    List<String> violations = new ArrayList<>();
    long[] expected = new long[ids.length];
    Arrays.fill(expected, Chaos.INITIAL);
    long applied = 0;
    long entries = ids.length; // the opening credits
    for (Resolution o : resolutions) {
      o.op().apply(o.result(), expected, ids[0]);
      int written = o.op().entries(o.result());
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
    audit(Racefree.using(admin).verify(), ids, violations);
    long held = LabAccounts.held(admin, ids);
    if (held != 0) {
      violations.add("holds: " + held + " still held, every hold was captured");
    }
    ChaosTokens.check(admin, tokens, resolutions, violations);
    SplittableRandom random = new SplittableRandom(s.seed());
    long checks = Math.min(REPLAY_SAMPLE, resolutions.size());
    for (long i = 0; i < checks; i++) {
      sameAgain(rf, resolutions.get(random.nextInt(resolutions.size())), "replay", violations);
    }
    long unknown = 0;
    long resolved = 0;
    for (Resolution o : resolutions) {
      if (o.wasUnknown()) {
        unknown++;
        resolved += sameAgain(rf, o, "unknown", violations) ? 1 : 0;
      }
    }
    if (!Arrays.equals(LabAccounts.balances(admin, "chaos", ids), actual)) {
      violations.add("replaying keyed operations changed balances");
    }
    return new ChaosReport(
        s.clients(),
        s.duration().toSeconds(),
        resolutions.size(),
        resolutions.size() - unknown,
        unknown,
        resolved,
        applied,
        faults,
        checks,
        violations);
  }

  /** verify()'s findings on the chaos accounts (a server given by URL may hold others'). */
  private static void audit(AuditReport audit, long[] ids, List<String> violations) {
    LongPredicate ours = id -> id >= ids[0] && id <= ids[ids.length - 1];
    audit.balanceMismatches().stream()
        .filter(m -> ours.test(m.accountId()))
        .forEach(m -> violations.add("verify(): " + m));
    audit.heldMismatches().stream()
        .filter(m -> ours.test(m.accountId()))
        .forEach(m -> violations.add("verify(): " + m));
    audit.outsideLimits().stream()
        .filter(ours::test)
        .forEach(id -> violations.add("verify(): account " + id + " outside its limits"));
  }

  /** Asks {@code o} once more with its key: it must answer what it answered. */
  private static boolean sameAgain(
      Racefree rf, Resolution o, String what, List<String> violations) {
    Object again = ChaosClient.resolve(rf, o.op()).result();
    if (o.op().settled(again).equals(o.op().settled(o.result()))) {
      return true;
    }
    violations.add(what + " " + o.op() + " answered " + again + ", first " + o.result());
    return false;
  }
}
