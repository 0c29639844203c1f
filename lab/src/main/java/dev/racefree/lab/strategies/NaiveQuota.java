package dev.racefree.lab.strategies;

import static dev.racefree.internal.schema.Tables.QUOTAS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.val;

import dev.racefree.internal.schema.Routines;
import dev.racefree.lab.load.LabQuotas;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Outcome;
import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * The quota bug, written as plainly as it usually is: read how much of the cap is used, check in
 * Java that one more unit fits, write the usage plus one back (inserting the counter the first
 * time) with no condition. Clients that read the same usage all pass the check and all write the
 * same usage plus one: each was granted its unit, the counter counts one, and more units are
 * granted than the cap allows.
 */
final class NaiveQuota implements Operation {

  private final DSLContext dsl;
  private final String scope;
  private final long cap;
  private final Gap gap;

  NaiveQuota(DSLContext dsl, String scope, long cap, Gap gap) {
    this.dsl = dsl;
    this.scope = scope;
    this.cap = cap;
    this.gap = gap;
  }

  @Override
  public Outcome apply(long accountId) throws Exception {
    String key = LabQuotas.key(accountId);
    String period = LabQuotas.PERIOD.toString();
    long used =
        dsl.select(Routines.quotaUsed(QUOTAS.USAGE, val(LabQuotas.TOTAL_WINDOW)))
            .from(QUOTAS)
            .where(QUOTAS.SCOPE.eq(scope))
            .and(QUOTAS.KEY.eq(key))
            .and(QUOTAS.PERIOD.eq(period))
            .fetchOptional(Record1::value1)
            .orElse(0L);
    if (used + Operations.QUOTA_UNITS > cap) {
      return Outcome.REJECTED;
    }
    gap.between();
    // A total counts its units in one window: (window, units) = (0, used + 1), computed from a
    // read that may be stale: the bug.
    Long[] usage = {LabQuotas.TOTAL_WINDOW, used + Operations.QUOTA_UNITS};
    dsl.insertInto(
            QUOTAS,
            QUOTAS.SCOPE,
            QUOTAS.KEY,
            QUOTAS.PERIOD,
            QUOTAS.UNIT,
            QUOTAS.ZONE,
            QUOTAS.GRANULE,
            QUOTAS.SECONDS,
            QUOTAS.USAGE)
        .values(
            scope,
            key,
            period,
            LabQuotas.TOTAL_UNIT,
            LabQuotas.TOTAL_ZONE,
            LabQuotas.TOTAL_GRANULE,
            LabQuotas.TOTAL_SECONDS,
            usage)
        .onConflict(QUOTAS.SCOPE, QUOTAS.KEY, QUOTAS.PERIOD)
        .doUpdate()
        .set(QUOTAS.USAGE, excluded(QUOTAS.USAGE))
        .set(QUOTAS.UPDATED_AT, currentOffsetDateTime())
        .execute();
    return Outcome.SUCCEEDED;
  }
}
