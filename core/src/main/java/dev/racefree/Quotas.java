package dev.racefree;

import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.keys.Idempotency;
import dev.racefree.internal.keys.KeyedOperation;
import dev.racefree.internal.quotas.QuotaCounter;
import dev.racefree.internal.quotas.QuotaReservations;
import dev.racefree.internal.runner.Instance;
import dev.racefree.result.Consumed;
import dev.racefree.result.QuotaExhausted;
import dev.racefree.result.QuotaResult;
import dev.racefree.result.ReservationConfirmed;
import dev.racefree.result.ReservationEndResult;
import dev.racefree.result.ReservationNotActive;
import dev.racefree.result.ReservationReleased;
import dev.racefree.result.ReservationResult;
import dev.racefree.result.Reserved;
import dev.racefree.result.UnknownReservation;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Counters with a cap, on any key, for what is not money: API calls, login attempts, votes, seats,
 * stock. {@link #consume} takes units if, and only if, the cap allows, in one statement; however
 * many callers race on one key, the units consumed in a period never exceed its cap.
 *
 * <pre>{@code
 * QuotaResult r = rf.quotas().consume("api-calls", customerId, 1, 1_000, Period.day(zone));
 * }</pre>
 *
 * <p>A counter is named by its scope, its key and its {@link Period}: the same scope and key
 * counted per minute and per day are two counters. The cap is the caller's, given with every
 * request, so a plan can change it at once; usage already counted stays counted.
 */
public final class Quotas {

  /** The largest cap, and the most units one request takes: 2^62 - 1, so no sum overflows. */
  public static final long MAX_CAP = Long.MAX_VALUE / 2;

  private final Instance instance;

  Quotas(Instance instance) {
    this.instance = instance;
  }

  /**
   * Consumes {@code units} of the counter {@code (scope, key, period)} if its usage in the period
   * now plus {@code units} is at most {@code cap}: {@link Consumed} with what remains, or {@link
   * QuotaExhausted}, which consumed nothing.
   *
   * @param scope what is counted, 1 to 100 characters, such as {@code "api-calls"}
   * @param key whose, 1 to 200 characters, such as a customer id
   * @param units 1 to {@link #MAX_CAP}
   * @param cap 1 to {@link #MAX_CAP}
   */
  public QuotaResult consume(String scope, String key, long units, long cap, Period period) {
    Request r = Request.of(scope, key, units, cap, period);
    return instance
        .runner()
        .run(
            "quotas.consume",
            tx -> QuotaCounter.consume(tx.dsl(), r.scope, r.key, r.window, units, cap));
  }

  /**
   * {@link #consume(String, String, long, long, Period)} at most once per {@code idempotencyKey}: a
   * repeat of the same request returns the first outcome and counts nothing again; another request
   * under the same key throws {@link IdempotencyConflictException}.
   */
  public QuotaResult consume(
      String scope,
      String key,
      long units,
      long cap,
      Period period,
      IdempotencyKey idempotencyKey) {
    Request r = Request.of(scope, key, units, cap, period);
    Check.notNull(idempotencyKey, "idempotencyKey");
    return Idempotency.run(
        instance,
        "quotas.consume",
        idempotencyKey,
        KeyedOperation.CONSUME.fingerprint(List.of(r.scope, r.key, r.window.name()), units, cap),
        (tx, stored) -> stored.asQuota(),
        (tx, keyId) -> QuotaCounter.consume(tx.dsl(), r.scope, r.key, r.window, units, cap));
  }

  /**
   * Gives {@code units} back to the counter, from its newest usage first and never below zero (a
   * seat freed, an attempt forgiven); returns the units it still counts in the period.
   *
   * @param units 1 to {@link #MAX_CAP}
   */
  public long release(String scope, String key, long units, Period period) {
    Request r = Request.of(scope, key, units, units, period);
    return instance
        .runner()
        .run(
            "quotas.release",
            tx -> QuotaCounter.giveBack(tx.dsl(), r.scope, r.key, r.window, units));
  }

  /**
   * Reserves {@code units} of the counter until {@code expiresAt}, as a hold reserves money: they
   * count at once, exactly as {@link #consume} counts them, and stay counted once {@link
   * #confirm}ed; {@link #release(long)} or expiry gives them back to the window they were counted
   * in. {@link Reserved} with the reservation's id and what remains, or {@link QuotaExhausted}. An
   * expired reservation counts until something ends it: a consumption or reservation its counter
   * refuses, a confirm or release of it, or {@link #sweepExpired}.
   *
   * @param expiresAt by the database's clock
   */
  public ReservationResult reserve(
      String scope, String key, long units, long cap, Period period, Instant expiresAt) {
    Request r = Request.of(scope, key, units, cap, period);
    OffsetDateTime until = Check.instant(expiresAt, "expiresAt");
    return instance
        .runner()
        .run(
            "quotas.reserve",
            tx -> QuotaReservations.reserve(tx.dsl(), r.scope, r.key, r.window, units, cap, until));
  }

  /**
   * Keeps an active reservation's units for good: {@link ReservationConfirmed}, or {@link
   * ReservationNotActive} when it ended (an expired one is given back first), or {@link
   * UnknownReservation}. Of concurrent confirms and releases of one reservation, exactly one ends
   * it.
   */
  public ReservationEndResult confirm(long reservationId) {
    Check.id(reservationId, "reservationId");
    return instance
        .runner()
        .run("quotas.confirm", tx -> QuotaReservations.confirm(tx.dsl(), reservationId));
  }

  /**
   * Ends an active reservation and gives its units back: {@link ReservationReleased} with what its
   * counter counts after, or {@link ReservationNotActive}, or {@link UnknownReservation}.
   */
  public ReservationEndResult release(long reservationId) {
    Check.id(reservationId, "reservationId");
    return instance
        .runner()
        .run("quotas.releaseReservation", tx -> QuotaReservations.release(tx.dsl(), reservationId));
  }

  /**
   * Deletes the counters not used since {@code idleSince} that count nothing now and hold no active
   * reservation (per-request keys such as IP addresses pile up otherwise), with their ended
   * reservations; returns how many counters. A total's counter that counts units is never deleted:
   * its count is the state. A counter deleted and used again starts from nothing, as it would have
   * counted.
   */
  public int purgeIdle(Instant idleSince) {
    OffsetDateTime before = Check.instant(idleSince, "idleSince");
    return instance
        .runner()
        .run("quotas.purgeIdle", tx -> QuotaCounter.purgeIdle(tx.dsl(), before));
  }

  /** Ends every lapsed reservation, giving its units back; returns how many. */
  public int sweepExpired() {
    return instance.runner().run("quotas.sweepExpired", tx -> QuotaReservations.sweep(tx.dsl()));
  }

  /** The units the counter {@code (scope, key, period)} counts now. */
  public long used(String scope, String key, Period period) {
    Request r = Request.of(scope, key, 1, 1, period);
    return instance
        .runner()
        .run("quotas.used", tx -> QuotaCounter.used(tx.dsl(), r.scope, r.key, r.window));
  }

  /** A request's arguments, checked before any SQL. */
  private record Request(String scope, String key, QuotaCounter.Window window) {

    static Request of(String scope, String key, long units, long cap, Period period) {
      Check.text(scope, "scope", 100);
      Check.text(key, "key", 200);
      if (units < 1 || units > MAX_CAP) {
        throw new InvalidArgumentException(
            "units must be between 1 and " + MAX_CAP + ", was " + units);
      }
      if (cap < 1 || cap > MAX_CAP) {
        throw new InvalidArgumentException("cap must be between 1 and " + MAX_CAP + ", was " + cap);
      }
      Check.notNull(period, "period");
      return new Request(
          scope,
          key,
          new QuotaCounter.Window(
              period.toString(),
              period.unit(),
              period.zoneName(),
              period.granule(),
              period.seconds()));
    }
  }
}
