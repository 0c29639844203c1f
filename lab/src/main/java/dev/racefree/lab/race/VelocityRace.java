package dev.racefree.lab.race;

import dev.racefree.Racefree;
import dev.racefree.lab.load.LabAccounts;
import dev.racefree.lab.load.LabVelocity;
import dev.racefree.lab.load.LoadResult;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Tally;
import dev.racefree.lab.report.Balances;
import dev.racefree.lab.report.Progress;
import dev.racefree.lab.report.Requests;
import dev.racefree.lab.report.ResultRow;
import dev.racefree.lab.report.Run;
import dev.racefree.lab.report.Throughput;
import dev.racefree.lab.report.VelocityUse;
import dev.racefree.lab.strategies.Operations;
import dev.racefree.lab.strategies.Strategy;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;

/**
 * Races a velocity strategy: {@code clients} threads, released together, debit the run's accounts
 * (one hot account by default), each account with the same daily limit on the amount and funds far
 * beyond it; then every balance and every day's spending is read back. An account keeps its limit
 * when its debits took no more than the limit, its balance moved by exactly what they took, and the
 * day's spending counts exactly that.
 */
final class VelocityRace {

  private VelocityRace() {}

  static ResultRow runOne(
      DSLContext admin,
      DSLContext dsl,
      Strategy strategy,
      int clients,
      RaceSettings s,
      Progress progress)
      throws InterruptedException {
    String name = strategy.label();
    long[] ids = LabAccounts.open(admin, name, s.accounts().count(), s.initialBalance());
    long limit = s.limitAt(clients);
    if (strategy.racefree()) {
      LabVelocity.set(admin, ids, limit);
    }
    OffsetDateTime day = LabVelocity.dayStart(admin);
    LoadResult load;
    try (Operation op =
        Operations.velocity(strategy, dsl, s.amount(), limit, s.naiveGap().apply(clients))) {
      load = Race.load(name, clients, s, op, ids, progress);
    }
    if (!LabVelocity.dayStart(admin).isEqual(day)) {
      throw new IllegalStateException(
          name
              + ", "
              + clients
              + " clients: the run crossed midnight UTC, where its daily limits reset, so its"
              + " counts prove nothing; run it again");
    }
    long[] actual = LabAccounts.balances(admin, name, ids);
    long[] counted =
        strategy.racefree() ? LabVelocity.counted(admin, ids) : LabVelocity.spentToday(admin, ids);
    boolean[] flagged = Race.flagged(Racefree.using(admin).verify(), ids);
    return row(strategy, load, s.initialBalance(), s.amount(), limit, actual, counted, flagged);
  }

  /**
   * The row of a velocity race. Its balances are the accounts' own, as in a race of debits. An
   * account is a violation when its debits took more than the limit, its balance is not exactly its
   * starting balance less what they took, or negative, the day's spending counts other than what
   * they took, or (for racefree's strategy) {@code verify()} flagged it.
   *
   * @param counted per account, what the day's spending counts once the run is over
   * @param flagged per account, whether {@code verify()} flagged it
   */
  static ResultRow row(
      Strategy strategy,
      LoadResult load,
      long initialBalance,
      long amount,
      long limit,
      long[] actual,
      long[] counted,
      boolean[] flagged) {
    Tally t = load.total();
    long violations = 0;
    long ledgerMismatches = 0;
    long overrun = 0;
    long actualTotal = 0;
    long countedTotal = 0;
    for (int i = 0; i < actual.length; i++) {
      long spent = amount * t.succeededAt(i);
      if (spent > limit) {
        overrun += spent - limit;
      }
      if (flagged[i]) {
        ledgerMismatches++;
      }
      if (spent > limit
          || actual[i] != initialBalance - spent
          || actual[i] < 0
          || counted[i] != spent
          || (strategy.racefree() && flagged[i])) {
        violations++;
      }
      actualTotal += actual[i];
      countedTotal += counted[i];
    }
    long spentTotal = amount * t.succeeded();
    return ResultRow.measured(
            Run.racefree(strategy.label(), load.clients(), actual.length),
            new Throughput(load.ops(), load.opsPerSecond(), load.p50Ms(), load.p99Ms()),
            new Requests(t.succeeded(), t.rejected(), t.retries(), t.deadlocks(), t.errors()),
            Balances.of(
                initialBalance * actual.length - spentTotal,
                actualTotal,
                violations,
                ledgerMismatches))
        .withVelocity(new VelocityUse(limit, spentTotal, countedTotal, overrun));
  }
}
