package dev.racefree.lab.strategies;

import dev.racefree.Racefree;
import dev.racefree.lab.load.LabVelocity;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Outcome;
import org.jooq.DSLContext;

/**
 * The spending-limit bug, written as plainly as it usually is, in one transaction: sum what the
 * account's debits took today from the ledger, check in Java that one more fits the daily limit,
 * then debit. The debit itself is racefree's, so the balance and the ledger stay exact: only the
 * limit is checked against a sum that may be stale. Under READ COMMITTED nothing stops two clients
 * from reading the same sum: both find room, both debit, and the day's debits take more than the
 * limit.
 */
final class NaiveVelocity implements Operation {

  private final DSLContext dsl;
  private final long amount;
  private final long limit;
  private final Gap gap;

  NaiveVelocity(DSLContext dsl, long amount, long limit, Gap gap) {
    this.dsl = dsl;
    this.amount = amount;
    this.limit = limit;
    this.gap = gap;
  }

  @Override
  public Outcome apply(long accountId) throws Exception {
    return dsl.transactionResult(cfg -> {
      DSLContext tx = cfg.dsl();
      long spent = LabVelocity.spentToday(tx, accountId);
      if (spent + amount > limit) {
        return Outcome.REJECTED;
      }
      gap.between();
      // The balance's UPDATE and the entry that records the spend, for a check that may be stale.
      return Operations.outcome(Racefree.using(tx).accounts().debit(accountId, amount));
    });
  }
}
