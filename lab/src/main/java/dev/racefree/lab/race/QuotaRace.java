package dev.racefree.lab.race;

import dev.racefree.lab.load.LabAccounts;
import dev.racefree.lab.load.LabQuotas;
import dev.racefree.lab.load.LoadResult;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Tally;
import dev.racefree.lab.report.Balances;
import dev.racefree.lab.report.Progress;
import dev.racefree.lab.report.QuotaUse;
import dev.racefree.lab.report.Requests;
import dev.racefree.lab.report.ResultRow;
import dev.racefree.lab.report.Run;
import dev.racefree.lab.report.Throughput;
import dev.racefree.lab.strategies.Operations;
import dev.racefree.lab.strategies.Strategy;
import org.jooq.DSLContext;

/**
 * Races a quota strategy: {@code clients} threads, released together, consume a unit at a time from
 * the counters of the run's accounts (one hot counter by default), all against the same cap; then
 * every counter is read back. A counter keeps its cap when it granted no more units than the cap
 * and counts exactly the units it granted.
 */
final class QuotaRace {

  private QuotaRace() {}

  static ResultRow runOne(
      DSLContext admin,
      DSLContext dsl,
      Strategy strategy,
      int clients,
      RaceSettings s,
      Progress progress)
      throws InterruptedException {
    String name = strategy.label();
    // Accounts with nothing on them: their ids are fresh, so their counters' scope is fresh too.
    long[] ids = LabAccounts.open(admin, name, s.accounts().count(), 0);
    String scope = LabQuotas.scope(name, ids);
    long cap = s.capAt(clients);
    LoadResult load;
    try (Operation op = Operations.quota(strategy, dsl, scope, cap, s.naiveGap().apply(clients))) {
      load = Race.load(name, clients, s, op, ids, progress);
    }
    return row(strategy, load, cap, LabQuotas.used(admin, scope, ids));
  }

  /**
   * The row of a quota race. Its balances count each counter as its cap less one for each unit
   * consumed: expected from the units granted, actual from the units counted, so {@code lost} is
   * the units granted that no counter counts, and a counter that granted more than its cap is
   * expected below zero.
   *
   * @param counted per counter, the units it counts once the run is over
   */
  static ResultRow row(Strategy strategy, LoadResult load, long cap, long[] counted) {
    Tally t = load.total();
    long violations = 0;
    long overrun = 0;
    long countedTotal = 0;
    for (int i = 0; i < counted.length; i++) {
      long granted = Operations.QUOTA_UNITS * t.succeededAt(i);
      if (granted > cap) {
        overrun += granted - cap;
      }
      if (granted > cap || counted[i] != granted) {
        violations++;
      }
      countedTotal += counted[i];
    }
    long consumed = Operations.QUOTA_UNITS * t.succeeded();
    long caps = cap * counted.length;
    return ResultRow.measured(
            Run.racefree(strategy.label(), load.clients(), counted.length),
            new Throughput(load.ops(), load.opsPerSecond(), load.p50Ms(), load.p99Ms()),
            new Requests(t.succeeded(), t.rejected(), t.retries(), t.deadlocks(), t.errors()),
            Balances.of(caps - consumed, caps - countedTotal, violations, null))
        .withQuota(new QuotaUse(cap, consumed, countedTotal, overrun));
  }
}
