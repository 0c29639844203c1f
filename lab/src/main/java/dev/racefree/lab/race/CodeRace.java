package dev.racefree.lab.race;

import dev.racefree.AuditReport;
import dev.racefree.CodeRules;
import dev.racefree.Racefree;
import dev.racefree.lab.load.LabCodes;
import dev.racefree.lab.load.LoadResult;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Tally;
import dev.racefree.lab.report.Balances;
import dev.racefree.lab.report.CodeUse;
import dev.racefree.lab.report.Progress;
import dev.racefree.lab.report.Requests;
import dev.racefree.lab.report.ResultRow;
import dev.racefree.lab.report.Run;
import dev.racefree.lab.report.Throughput;
import dev.racefree.lab.strategies.Operations;
import dev.racefree.lab.strategies.Strategy;
import java.util.Arrays;
import org.jooq.DSLContext;

/**
 * Races a code strategy: {@code clients} threads, released together, redeem the run's codes (one
 * hot code by default), each request for a redeemer drawn from a few, all against the same total
 * cap and cap per redeemer; then every code is read back. A code keeps its caps when it granted no
 * more redemptions than its total cap, none of its redeemers more than the cap per redeemer, and
 * its {@code uses} and its redemption rows both count exactly what it granted.
 */
final class CodeRace {

  private CodeRace() {}

  static ResultRow runOne(
      DSLContext admin,
      DSLContext dsl,
      Strategy strategy,
      int clients,
      RaceSettings s,
      Progress progress)
      throws InterruptedException {
    String name = strategy.label();
    CodeRules rules = CodeRules.uses(s.capAt(clients)).perRedeemer(s.perRedeemerAt(clients));
    LabCodes codes = LabCodes.create(admin, name, s.accounts().count(), rules, s.redeemers());
    long[] ids = codes.ids();
    LoadResult load;
    try (Operation op = Operations.code(strategy, dsl, codes, s.naiveGap().apply(clients))) {
      load = Race.load(name, clients, s, op, ids, progress);
    }
    boolean[] flagged = flagged(Racefree.using(admin).verify(), ids);
    return row(
        strategy,
        load,
        codes.rules(),
        codes.redeemers(),
        codes.told(),
        codes.stored(admin),
        flagged);
  }

  /** Which of {@code ids} (sorted) the audit flagged; other runs' codes are not this run's. */
  static boolean[] flagged(AuditReport audit, long[] ids) {
    boolean[] flagged = new boolean[ids.length];
    for (AuditReport.CodeProblem p : audit.codeProblems()) {
      int i = Arrays.binarySearch(ids, p.codeId());
      if (i >= 0) {
        flagged[i] = true;
      }
    }
    return flagged;
  }

  /**
   * The row of a code race. Its balances count each code as its cap less one for each use: expected
   * from the redemptions granted, actual from what the codes' {@code uses} count, so {@code lost}
   * is the redemptions granted that no {@code uses} counts, and a code that granted more than its
   * cap is expected below zero.
   *
   * <p>A code is a violation when it granted more than its cap, granted one of its redeemers more
   * than the cap per redeemer, its {@code uses} or its rows (per redeemer) count other than what it
   * granted, or {@code verify()} flagged it.
   *
   * @param redeemers how many redeemers the requests came from
   * @param flagged per code, whether {@code verify()} flagged it
   */
  static ResultRow row(
      Strategy strategy,
      LoadResult load,
      CodeRules rules,
      int redeemers,
      LabCodes.Told told,
      LabCodes.Stored stored,
      boolean[] flagged) {
    Tally t = load.total();
    long cap = rules.maxUses();
    long perRedeemer = rules.maxPerRedeemer();
    int codes = flagged.length;
    long violations = 0;
    long overrun = 0;
    long redeemersOver = 0;
    long rowsTotal = 0;
    long usesTotal = 0;
    long audited = 0;
    for (int i = 0; i < codes; i++) {
      long granted = t.succeededAt(i);
      boolean broken = granted > cap || stored.uses(i) != granted || flagged[i];
      if (granted > cap) {
        overrun += granted - cap;
      }
      long rows = 0;
      long grantedToRedeemers = 0;
      for (int r = 0; r < redeemers; r++) {
        long toRedeemer = told.granted(i, r);
        if (toRedeemer > perRedeemer) {
          redeemersOver++;
          broken = true;
        }
        if (stored.rows(i, r) != toRedeemer) {
          broken = true;
        }
        rows += stored.rows(i, r);
        grantedToRedeemers += toRedeemer;
      }
      if (grantedToRedeemers != granted) {
        broken = true;
      }
      if (broken) {
        violations++;
      }
      if (flagged[i]) {
        audited++;
      }
      rowsTotal += rows;
      usesTotal += stored.uses(i);
    }
    long redeemed = t.succeeded();
    long caps = cap * codes;
    return ResultRow.measured(
            Run.racefree(strategy.label(), load.clients(), codes),
            new Throughput(load.ops(), load.opsPerSecond(), load.p50Ms(), load.p99Ms()),
            new Requests(t.succeeded(), t.rejected(), t.retries(), t.deadlocks(), t.errors()),
            Balances.of(caps - redeemed, caps - usesTotal, violations, null))
        .withCode(
            new CodeUse(
                cap,
                perRedeemer,
                redeemers,
                redeemed,
                rowsTotal,
                usesTotal,
                overrun,
                redeemersOver,
                told.exhausted(),
                told.atLimit(),
                audited));
  }
}
