package dev.racefree;

import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.ResultQuery;

/**
 * racefree's own statements, built by core's package-private builders, for the lab's raw-JDBC
 * and pgbench baselines, so that they send the very SQL racefree sends. It lives in the lab
 * module but in core's package {@code dev.racefree} only to reach those builders; it is no part of
 * racefree's API.
 */
public final class LabStatements {

  private LabStatements() {}

  /** {@code accounts().debit(id, amount)}'s statement: the conditional UPDATE and its ledger entry, one CTE. */
  public static ResultQuery<Record1<Long>> debit(DSLContext render, long id, long amount) {
    return BalanceWrites.debitQuery(render, id, amount, EntryTag.DEBIT);
  }

  /** {@code accounts().withLock(id, waitIndefinitely(), ...)}'s row lock: {@code SELECT ... FOR UPDATE}. */
  public static ResultQuery<Record3<Long, String, Long>> lock(DSLContext render, long id) {
    return RowLock.select(render, id).forUpdate();
  }
}
