package dev.racefree.internal.quotas;

import static dev.racefree.internal.schema.Tables.QUOTAS;
import static dev.racefree.internal.schema.Tables.QUOTA_RESERVATIONS;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.schema.Routines;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.result.QuotaExhausted;
import dev.racefree.result.ReservationConfirmed;
import dev.racefree.result.ReservationEndResult;
import dev.racefree.result.ReservationNotActive;
import dev.racefree.result.ReservationReleased;
import dev.racefree.result.ReservationResult;
import dev.racefree.result.Reserved;
import dev.racefree.result.UnknownReservation;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record9;
import org.jooq.impl.SQLDataType;

/**
 * Quota reservations, as holds are for money: {@link #reserve} takes units exactly as a consumption
 * does and records them in the same statement ({@code WITH taken AS (INSERT INTO quotas ... ON
 * CONFLICT DO UPDATE ... RETURNING used), r AS (INSERT INTO quota_reservations SELECT ... FROM
 * taken RETURNING id) SELECT ...}); {@link #confirm} keeps them; {@link #release} and expiry end
 * the reservation and give its units back to the window they were counted in, in one statement
 * ({@code WITH r AS (UPDATE quota_reservations SET state = ... WHERE id = :id AND state = 'active'
 * RETURNING ...) UPDATE quotas SET usage = quota_add(..., -units) FROM r ...}), so each reservation
 * ends once, however many callers race to end it. An expired reservation still counts until
 * something ends it: a consumption refused on its counter, a confirm or release of it, or {@link
 * #sweep}.
 */
public final class QuotaReservations {

  private static final dev.racefree.internal.schema.tables.QuotaReservations R = QUOTA_RESERVATIONS;
  private static final String ACTIVE = "active";

  private QuotaReservations() {}

  /** Reserves {@code units} until {@code expiresAt} if they fit {@code cap}. */
  public static ReservationResult reserve(
      DSLContext dsl,
      String scope,
      String key,
      QuotaCounter.Window w,
      long units,
      long cap,
      OffsetDateTime expiresAt) {
    for (int attempt = 1; ; attempt++) {
      CommonTableExpression<Record1<Long>> taken =
          name("taken").fields("used").as(QuotaCounter.take(dsl, scope, key, w, units, cap));
      CommonTableExpression<Record1<Long>> r =
          name("r")
              .fields("id")
              .as(
                  dsl.insertInto(
                          R,
                          R.SCOPE,
                          R.KEY,
                          R.PERIOD,
                          R.UNIT,
                          R.ZONE,
                          R.GRANULE,
                          R.SECONDS,
                          R.COUNTED_IN,
                          R.UNITS,
                          R.EXPIRES_AT)
                      .select(
                          select(
                                  val(scope),
                                  val(key),
                                  val(w.name()),
                                  val(w.unit()),
                                  val(w.zone()),
                                  val(w.granule()),
                                  val(w.seconds()),
                                  w.current(),
                                  val(units),
                                  val(expiresAt))
                              .from(taken))
                      .returningResult(R.ID));
      Field<Long> used = taken.field("used", SQLDataType.BIGINT);
      Field<Long> id = r.field("id", SQLDataType.BIGINT);
      Optional<Record2<Long, Long>> reserved =
          dsl.with(taken).with(r).select(id, used).from(r, taken).fetchOptional();
      if (reserved.isPresent()) {
        return new Reserved(reserved.get().value1(), Math.max(0, cap - reserved.get().value2()));
      }
      Optional<QuotaExhausted> refused =
          QuotaCounter.refusal(dsl, scope, key, w, units, cap, attempt == 3);
      if (refused.isPresent()) {
        return refused.get();
      }
    }
  }

  /** Keeps an active, unexpired reservation's units for good. */
  public static ReservationEndResult confirm(DSLContext dsl, long id) {
    boolean confirmed =
        dsl.update(R)
                .set(R.STATE, "confirmed")
                .set(R.ENDED_AT, DbClock.NOW)
                .where(R.ID.eq(id))
                .and(R.STATE.eq(ACTIVE))
                .and(R.EXPIRES_AT.gt(DbClock.NOW))
                .execute()
            == 1;
    return confirmed ? new ReservationConfirmed(id) : whyNot(dsl, id);
  }

  /** Ends an active reservation, giving its units back. */
  public static ReservationEndResult release(DSLContext dsl, long id) {
    return end(dsl, R.ID.eq(id), "released")
        .<ReservationEndResult>map(used -> new ReservationReleased(id, used))
        .orElseGet(() -> whyNot(dsl, id));
  }

  /** Expires the lapsed reservations of one counter, giving their units back; how many. */
  static int expire(DSLContext dsl, String scope, String key, String period) {
    return expire(
        dsl,
        dsl.select(R.ID)
            .from(R)
            .where(R.SCOPE.eq(scope))
            .and(R.KEY.eq(key))
            .and(R.PERIOD.eq(period))
            .and(lapsed())
            .fetch(Record1::value1));
  }

  /** Expires every lapsed reservation, giving the units back; how many. */
  public static int sweep(DSLContext dsl) {
    return expire(dsl, dsl.select(R.ID).from(R).where(lapsed()).fetch(Record1::value1));
  }

  private static int expire(DSLContext dsl, List<Long> ids) {
    int expired = 0;
    for (long id : ids) {
      expired += end(dsl, R.ID.eq(id).and(lapsed()), "expired").isPresent() ? 1 : 0;
    }
    return expired;
  }

  private static Condition lapsed() {
    return R.STATE.eq(ACTIVE).and(R.EXPIRES_AT.le(DbClock.NOW));
  }

  /**
   * {@code WITH r AS (UPDATE quota_reservations SET state = :state ... WHERE which AND active
   * RETURNING ...) UPDATE quotas SET usage = quota_add(usage, live_from, counted_in, -units) FROM r
   * ... RETURNING used}: the units its counter counts after, or empty when no active reservation
   * matched.
   */
  private static Optional<Long> end(DSLContext dsl, Condition which, String state) {
    CommonTableExpression<Record9<String, String, String, String, String, Long, Long, Long, Long>>
        r =
            name("r")
                .fields(
                    "scope",
                    "key",
                    "period",
                    "unit",
                    "zone",
                    "granule",
                    "seconds",
                    "counted_in",
                    "units")
                .as(
                    dsl.update(R)
                        .set(R.STATE, state)
                        .set(R.ENDED_AT, DbClock.NOW)
                        .where(which)
                        .and(R.STATE.eq(ACTIVE))
                        .returningResult(
                            R.SCOPE,
                            R.KEY,
                            R.PERIOD,
                            R.UNIT,
                            R.ZONE,
                            R.GRANULE,
                            R.SECONDS,
                            R.COUNTED_IN,
                            R.UNITS));
    Field<Long> liveFrom =
        Routines.quotaLiveFrom(
            r.field("unit", SQLDataType.VARCHAR),
            r.field("zone", SQLDataType.VARCHAR),
            r.field("granule", SQLDataType.BIGINT),
            r.field("seconds", SQLDataType.BIGINT),
            DbClock.NOW);
    return dsl.with(r)
        .update(QUOTAS)
        .set(
            QUOTAS.USAGE,
            Routines.quotaAdd(
                QUOTAS.USAGE,
                liveFrom,
                r.field("counted_in", SQLDataType.BIGINT),
                r.field("units", SQLDataType.BIGINT).neg()))
        .set(QUOTAS.UPDATED_AT, DbClock.NOW)
        .from(r)
        .where(QUOTAS.SCOPE.eq(r.field("scope", SQLDataType.VARCHAR)))
        .and(QUOTAS.KEY.eq(r.field("key", SQLDataType.VARCHAR)))
        .and(QUOTAS.PERIOD.eq(r.field("period", SQLDataType.VARCHAR)))
        .returningResult(Routines.quotaUsed(QUOTAS.USAGE, liveFrom))
        .fetchOptional(Record1::value1);
  }

  /** Why a reservation could not be confirmed or released; ends it first when it lapsed. */
  private static ReservationEndResult whyNot(DSLContext dsl, long id) {
    if (end(dsl, R.ID.eq(id).and(lapsed()), "expired").isPresent()) {
      return new ReservationNotActive(id, ReservationNotActive.Ended.EXPIRED);
    }
    return dsl.select(R.STATE)
        .from(R)
        .where(R.ID.eq(id))
        .fetchOptional(Record1::value1)
        .<ReservationEndResult>map(state -> {
          if (state.equals(ACTIVE)) {
            throw new InternalErrorException("reservation " + id + " is active, yet did not end");
          }
          return new ReservationNotActive(
              id, ReservationNotActive.Ended.valueOf(state.toUpperCase(Locale.ROOT)));
        })
        .orElseGet(() -> new UnknownReservation(id));
  }
}
