package dev.racefree.internal.quotas;

import static dev.racefree.internal.schema.Tables.QUOTAS;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.schema.Routines;
import dev.racefree.internal.schema.tables.Quotas;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.result.Consumed;
import dev.racefree.result.QuotaExhausted;
import dev.racefree.result.QuotaResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record4;

/**
 * A quota's counter, one row per (scope, key, period): the usage its period still counts, as
 * (window, units) pairs the schema's {@code quota_*} functions read and move. A consumption is one
 * statement, {@code INSERT ... SELECT ... WHERE :units <= :cap ON CONFLICT (scope, key, period) DO
 * UPDATE SET usage = quota_add(...) WHERE quota_used(usage, ...) + :units <= :cap RETURNING ...}:
 * the first consumer of a key inserts its row, every later one updates it, and each decides on the
 * row's newest version under its row lock, so concurrent consumers never exceed the cap.
 */
public final class QuotaCounter {

  private static final Quotas Q = QUOTAS;

  /** A period as the quota functions take it: see {@code dev.racefree.Period}. */
  public record Window(String name, String unit, String zone, long granule, long seconds) {

    Field<Long> current() {
      return Routines.quotaWindow(val(unit), val(zone), val(granule), DbClock.NOW);
    }

    Field<Long> liveFrom() {
      return Routines.quotaLiveFrom(val(unit), val(zone), val(granule), val(seconds), DbClock.NOW);
    }
  }

  private QuotaCounter() {}

  /** Consumes {@code units} if they fit {@code cap}: the remaining units, or the refusal. */
  public static QuotaResult consume(
      DSLContext dsl, String scope, String key, Window w, long units, long cap) {
    Optional<Long> used =
        dsl.insertInto(Q, Q.SCOPE, Q.KEY, Q.PERIOD, Q.USAGE)
            .select(
                select(
                        val(scope),
                        val(key),
                        val(w.name()),
                        Routines.quotaAdd(val(new Long[0]), w.liveFrom(), w.current(), val(units)))
                    .where(val(units).le(val(cap))))
            .onConflict(Q.SCOPE, Q.KEY, Q.PERIOD)
            .doUpdate()
            .set(Q.USAGE, Routines.quotaAdd(Q.USAGE, w.liveFrom(), w.current(), val(units)))
            .set(Q.UPDATED_AT, DbClock.NOW)
            .where(Routines.quotaUsed(Q.USAGE, w.liveFrom()).plus(val(units)).le(val(cap)))
            .returningResult(Routines.quotaUsed(Q.USAGE, w.liveFrom()))
            .fetchOptional(Record1::value1);
    if (used.isPresent()) {
      return new Consumed(Math.max(0, cap - used.get()));
    }
    return exhausted(dsl, scope, key, w, units, cap);
  }

  /**
   * Gives {@code units} back, from the newest window first and never below zero; returns the units
   * still counted.
   */
  public static long giveBack(DSLContext dsl, String scope, String key, Window w, long units) {
    return dsl.update(Q)
        .set(Q.USAGE, Routines.quotaGiveBack(Q.USAGE, w.liveFrom(), val(units)))
        .set(Q.UPDATED_AT, DbClock.NOW)
        .where(Q.SCOPE.eq(scope))
        .and(Q.KEY.eq(key))
        .and(Q.PERIOD.eq(w.name()))
        .returningResult(Routines.quotaUsed(Q.USAGE, w.liveFrom()))
        .fetchOptional(Record1::value1)
        .orElse(0L);
  }

  /** The units the period counts now. */
  public static long used(DSLContext dsl, String scope, String key, Window w) {
    return dsl.select(Routines.quotaUsed(Q.USAGE, w.liveFrom()))
        .from(Q)
        .where(Q.SCOPE.eq(scope))
        .and(Q.KEY.eq(key))
        .and(Q.PERIOD.eq(w.name()))
        .fetchOptional(Record1::value1)
        .orElse(0L);
  }

  private static QuotaExhausted exhausted(
      DSLContext dsl, String scope, String key, Window w, long units, long cap) {
    Record4<Long[], Long, OffsetDateTime, OffsetDateTime> row =
        dsl.select(
                Q.USAGE,
                w.liveFrom(),
                Routines.quotaWindowEnd(val(w.unit()), val(w.zone()), DbClock.NOW),
                DbClock.NOW)
            .from(Q)
            .where(Q.SCOPE.eq(scope))
            .and(Q.KEY.eq(key))
            .and(Q.PERIOD.eq(w.name()))
            .fetchOne();
    Long[] usage = row == null ? new Long[0] : row.value1();
    long liveFrom = row == null ? 0 : row.value2();
    long used = 0;
    for (int i = 0; i + 1 < usage.length; i += 2) {
      if (usage[i] >= liveFrom) {
        used += usage[i + 1];
      }
    }
    long remaining = Math.max(0, cap - used);
    if (units > cap || w.unit().equals("total")) {
      return new QuotaExhausted(remaining, null);
    }
    if (row == null || used + units <= cap) {
      // The row vanished or a concurrent give-back made room since: the request fits now.
      return new QuotaExhausted(remaining, row == null ? null : row.value4().toInstant());
    }
    if (!w.unit().equals("rolling")) {
      return new QuotaExhausted(remaining, row.value3().toInstant());
    }
    return new QuotaExhausted(remaining, rollingReset(usage, liveFrom, used, units, cap, w));
  }

  /**
   * When enough of a rolling window's oldest buckets have left it for {@code units} to fit: bucket
   * {@code b} stops counting once {@code (b + 1) * granule + seconds} has passed.
   */
  private static Instant rollingReset(
      Long[] usage, long liveFrom, long used, long units, long cap, Window w) {
    long freed = 0;
    for (int i = 0; i + 1 < usage.length; i += 2) {
      if (usage[i] < liveFrom) {
        continue;
      }
      freed += usage[i + 1];
      if (used - freed + units <= cap) {
        return Instant.ofEpochSecond((usage[i] + 1) * w.granule() + w.seconds());
      }
    }
    throw new InternalErrorException("quota: a refused request fits after every bucket left");
  }
}
