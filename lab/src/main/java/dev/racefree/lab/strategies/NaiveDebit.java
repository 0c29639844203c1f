package dev.racefree.lab.strategies;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static org.jooq.impl.DSL.currentOffsetDateTime;

import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Outcome;
import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * The bug, written as plainly as it usually is: read the balance, check and compute in Java, write
 * the result back with no condition. Two clients that read the same balance both write {@code
 * balance - amount}, and one debit vanishes: the money stays in the account.
 */
final class NaiveDebit implements Operation {

  private final DSLContext dsl;
  private final long amount;
  private final Gap gap;

  NaiveDebit(DSLContext dsl, long amount, Gap gap) {
    this.dsl = dsl;
    this.amount = amount;
    this.gap = gap;
  }

  @Override
  public Outcome apply(long accountId) throws Exception {
    long balance =
        dsl.select(ACCOUNTS.BALANCE)
            .from(ACCOUNTS)
            .where(ACCOUNTS.ID.eq(accountId))
            .fetchSingle(Record1::value1);
    if (balance < amount) {
      return Outcome.REJECTED;
    }
    gap.between();
    dsl.update(ACCOUNTS)
        .set(ACCOUNTS.BALANCE, balance - amount) // computed from a read that may be stale: the bug
        .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
        .where(ACCOUNTS.ID.eq(accountId))
        .execute();
    return Outcome.SUCCEEDED;
  }
}
