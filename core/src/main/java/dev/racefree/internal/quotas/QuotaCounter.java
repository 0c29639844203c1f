package dev.racefree.internal.quotas;

import static dev.racefree.internal.schema.Tables.QUOTAS;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.racefree.internal.schema.Routines;
import dev.racefree.internal.schema.tables.Quotas;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.result.Consumed;
import dev.racefree.result.QuotaExhausted;
import dev.racefree.result.QuotaResult;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertResultStep;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.UpdateResultStep;

/**
 * A quota's counter, one row per (scope, key, period): the usage its period still counts, as
 * (window, units) pairs the schema's {@code quota_*} functions read and move. A consumption is one
 * conditional {@code UPDATE} of the counter's row when it exists; the first of a key is {@code
 * INSERT ... SELECT ... WHERE :units <= :cap ON CONFLICT (scope, key, period) DO UPDATE SET usage =
 * quota_add(...) WHERE quota_used(usage, ...) + :units <= :cap RETURNING ...}: the first consumer
 * of a key inserts its row, every later one updates it, and each decides on the row's newest
 * version under its row lock, so concurrent consumers never exceed the cap.
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

  /**
   * Consumes {@code units} if they fit {@code cap}: the remaining units, or the refusal. A refusal
   * is explained by one read of the counter; when room appeared in between (a give-back, or lapsed
   * reservations given back first), the consumption is tried again, three times at most (a snapshot
   * older than the row, as under REPEATABLE READ or SERIALIZABLE, may keep showing room the row no
   * longer has).
   */
  public static QuotaResult consume(
      DSLContext dsl, String scope, String key, Window w, long units, long cap) {
    for (int attempt = 1; ; attempt++) {
      // The counter's row exists but for a key's first consumption: a plain conditional UPDATE,
      // as a debit's, is what a hot counter takes; under contention an INSERT ... ON CONFLICT
      // would also insert speculatively and re-check on every conflict.
      Optional<Long> used = add(dsl, scope, key, w, units, cap).fetchOptional(Record1::value1);
      if (used.isEmpty()) {
        used = take(dsl, scope, key, w, units, cap).fetchOptional(Record1::value1);
      }
      if (used.isPresent()) {
        return new Consumed(Math.max(0, cap - used.get()));
      }
      Optional<QuotaExhausted> refused = refusal(dsl, scope, key, w, units, cap, attempt == 3);
      if (refused.isPresent()) {
        return refused.get();
      }
    }
  }

  /**
   * {@code UPDATE quotas SET usage = quota_add(...) WHERE (scope, key, period) = (...) AND fits
   * RETURNING used}: takes {@code units} from an existing counter when they fit, returning the
   * units the period counts after; no row when they do not, or there is no counter yet.
   */
  static UpdateResultStep<Record1<Long>> add(
      DSLContext dsl, String scope, String key, Window w, long units, long cap) {
    return dsl.update(Q)
        .set(Q.USAGE, Routines.quotaAdd(Q.USAGE, w.liveFrom(), w.current(), val(units)))
        .set(Q.UPDATED_AT, DbClock.NOW)
        .where(Q.SCOPE.eq(scope))
        .and(Q.KEY.eq(key))
        .and(Q.PERIOD.eq(w.name()))
        .and(fits(w, units, cap))
        .returningResult(Routines.quotaUsed(Q.USAGE, w.liveFrom()));
  }

  /** {@code quota_used(usage, live_from) + :units <= :cap}, on the counter's row. */
  private static Condition fits(Window w, long units, long cap) {
    return Routines.quotaUsed(Q.USAGE, w.liveFrom()).plus(val(units)).le(val(cap));
  }

  /**
   * {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE fits RETURNING used}: takes {@code units}
   * when they fit, returning the units the period counts after; no row when they do not.
   */
  static InsertResultStep<Record1<Long>> take(
      DSLContext dsl, String scope, String key, Window w, long units, long cap) {
    return dsl.insertInto(
            Q, Q.SCOPE, Q.KEY, Q.PERIOD, Q.UNIT, Q.ZONE, Q.GRANULE, Q.SECONDS, Q.USAGE)
        .select(
            select(
                    val(scope),
                    val(key),
                    val(w.name()),
                    val(w.unit()),
                    val(w.zone()),
                    val(w.granule()),
                    val(w.seconds()),
                    Routines.quotaAdd(val(new Long[0]), w.liveFrom(), w.current(), val(units)))
                .where(val(units).le(val(cap))))
        .onConflict(Q.SCOPE, Q.KEY, Q.PERIOD)
        .doUpdate()
        .set(Q.USAGE, Routines.quotaAdd(Q.USAGE, w.liveFrom(), w.current(), val(units)))
        .set(Q.UPDATED_AT, DbClock.NOW)
        .where(fits(w, units, cap))
        .returningResult(Routines.quotaUsed(Q.USAGE, w.liveFrom()));
  }

  /**
   * Why {@link #take} took nothing: the refusal, or empty when the request fits now (the counter's
   * lapsed reservations were given back, or a give-back made room) and should be tried again; with
   * {@code last}, the refusal whatever the counter shows.
   */
  static Optional<QuotaExhausted> refusal(
      DSLContext dsl, String scope, String key, Window w, long units, long cap, boolean last) {
    if (!last && units <= cap && QuotaReservations.expire(dsl, scope, key, w.name()) > 0) {
      return Optional.empty();
    }
    Record2<Long, OffsetDateTime> why =
        dsl.select(
                Routines.quotaUsed(Q.USAGE, w.liveFrom()),
                Routines.quotaResetsAt(
                    val(w.unit()),
                    val(w.zone()),
                    val(w.granule()),
                    val(w.seconds()),
                    Q.USAGE,
                    val(units),
                    val(cap),
                    DbClock.NOW))
            .from(Q)
            .where(Q.SCOPE.eq(scope))
            .and(Q.KEY.eq(key))
            .and(Q.PERIOD.eq(w.name()))
            .fetchOne();
    long counted = why == null ? 0 : why.value1();
    if (!last && units <= cap && counted + units <= cap) {
      return Optional.empty();
    }
    OffsetDateTime resets = why == null ? null : why.value2();
    return Optional.of(
        new QuotaExhausted(Math.max(0, cap - counted), resets == null ? null : resets.toInstant()));
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

  /**
   * Deletes the counters idle since {@code before} that count nothing now and have no active
   * reservation, with their ended reservations; returns how many counters.
   */
  public static int purgeIdle(DSLContext dsl, OffsetDateTime before) {
    dev.racefree.internal.schema.tables.QuotaReservations r =
        dev.racefree.internal.schema.Tables.QUOTA_RESERVATIONS;
    Condition idle =
        Q.UPDATED_AT
            .lt(before)
            .and(
                Routines.quotaUsed(
                        Q.USAGE,
                        Routines.quotaLiveFrom(Q.UNIT, Q.ZONE, Q.GRANULE, Q.SECONDS, DbClock.NOW))
                    .eq(0L))
            .and(
                org.jooq.impl.DSL.notExists(
                    org.jooq
                        .impl
                        .DSL
                        .selectOne()
                        .from(r)
                        .where(r.SCOPE.eq(Q.SCOPE))
                        .and(r.KEY.eq(Q.KEY))
                        .and(r.PERIOD.eq(Q.PERIOD))
                        .and(r.STATE.eq("active"))));
    var counters =
        dsl.select(Q.SCOPE, Q.KEY, Q.PERIOD).from(Q).where(idle).forUpdate().skipLocked();
    int purged = 0;
    for (var c : counters.fetch()) {
      dsl.deleteFrom(r)
          .where(r.SCOPE.eq(c.value1()))
          .and(r.KEY.eq(c.value2()))
          .and(r.PERIOD.eq(c.value3()))
          .execute();
      purged +=
          dsl.deleteFrom(Q)
              .where(Q.SCOPE.eq(c.value1()))
              .and(Q.KEY.eq(c.value2()))
              .and(Q.PERIOD.eq(c.value3()))
              .and(idle)
              .execute();
    }
    return purged;
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
}
