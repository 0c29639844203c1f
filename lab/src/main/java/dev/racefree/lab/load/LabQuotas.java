package dev.racefree.lab.load;

import static dev.racefree.internal.schema.Tables.QUOTAS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import dev.racefree.Period;
import dev.racefree.internal.schema.Routines;
import java.math.BigDecimal;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;

/**
 * The lab's quota counters: one per account of a run, keyed by the account's id, under a scope of
 * the run's own ({@code lab:<name>:<first id>}: fresh accounts make a fresh scope), counted in
 * total ({@link Period#total()}, which never resets during a run).
 */
public final class LabQuotas {

  public static final Period PERIOD = Period.total();

  /**
   * The window every unit of a total is counted in, and the oldest window a total still counts:
   * what {@code quota_window} and {@code quota_live_from} say for {@code 'total'}.
   */
  public static final long TOTAL_WINDOW = 0;

  /**
   * {@link #PERIOD} as a quota row stores it beside its name, for the database's window functions:
   * its unit, its zone (UTC for a period without one), its bucket in seconds (1 but for rolling
   * windows) and its length in seconds (0 but for rolling windows).
   */
  public static final String TOTAL_UNIT = "total";

  public static final String TOTAL_ZONE = "UTC";
  public static final long TOTAL_GRANULE = 1;
  public static final long TOTAL_SECONDS = 0;

  private LabQuotas() {}

  /** The scope of the counters of {@code ids}, the accounts opened for run {@code name}. */
  public static String scope(String name, long[] ids) {
    return "lab:" + name + ":" + ids[0];
  }

  /** The key of account {@code id}'s counter. */
  public static String key(long id) {
    return Long.toString(id);
  }

  /** The units each counter counts, in the order of {@code ids}: 0 for a counter never written. */
  public static long[] used(DSLContext dsl, String scope, long[] ids) {
    Map<String, Long> byKey =
        dsl.select(QUOTAS.KEY, used())
            .from(QUOTAS)
            .where(QUOTAS.SCOPE.eq(scope))
            .and(QUOTAS.PERIOD.eq(PERIOD.toString()))
            .fetchMap(QUOTAS.KEY, used());
    long[] used = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      used[i] = byKey.getOrDefault(key(ids[i]), 0L);
    }
    return used;
  }

  /**
   * The units left below the caps of {@code counters} counters of {@code cap} each under {@code
   * scope}, summed by the server: each unit consumed takes one, as a debit of 1 takes one from a
   * balance.
   */
  public static long remaining(DSLContext dsl, String scope, int counters, long cap) {
    BigDecimal used =
        dsl.select(coalesce(sum(used()), BigDecimal.ZERO))
            .from(QUOTAS)
            .where(QUOTAS.SCOPE.eq(scope))
            .and(QUOTAS.PERIOD.eq(PERIOD.toString()))
            .fetchSingle(Record1::value1);
    return Math.multiplyExact(cap, counters) - used.longValueExact();
  }

  private static Field<Long> used() {
    return Routines.quotaUsed(QUOTAS.USAGE, val(TOTAL_WINDOW));
  }
}
