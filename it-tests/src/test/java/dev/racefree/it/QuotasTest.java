package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.QUOTAS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.IdempotencyKey;
import dev.racefree.Period;
import dev.racefree.Quotas;
import dev.racefree.Racefree;
import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.schema.Routines;
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
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Quotas: counters with a cap on any key, each consumption decided by one statement. */
@ExtendWith(PostgresExtension.class)
class QuotasTest {

  private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void a_burst_of_64_consumers_never_takes_more_than_the_cap(Isolation isolation) throws Exception {
    Racefree rf = Racefree.using(TestDatabase.get().dsl(isolation));
    String key = UUID.randomUUID().toString();
    List<QuotaResult> results =
        Race.run(64, (t, barrier) -> rf.quotas().consume("seats", key, 1, 40, Period.total()));
    assertThat(results).filteredOn(Consumed.class::isInstance).hasSize(40);
    assertThat(results).filteredOn(QuotaExhausted.class::isInstance).hasSize(24);
    assertThat(results)
        .filteredOn(Consumed.class::isInstance)
        .extracting(r -> ((Consumed) r).remaining())
        .containsExactlyInAnyOrderElementsOf(
            java.util.stream.LongStream.range(0, 40).boxed().toList());
    assertThat(rf.quotas().used("seats", key, Period.total())).isEqualTo(40);
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void a_burst_of_uneven_requests_on_a_daily_quota_fills_it_exactly(Isolation isolation)
      throws Exception {
    Racefree rf = Racefree.using(TestDatabase.get().dsl(isolation));
    String key = UUID.randomUUID().toString();
    Period day = Period.day(AUCKLAND);
    // 64 requests of 1 to 4 units on a cap of 100: whatever the interleaving, the units consumed
    // are at most 100, and every refusal was refused because its units did not fit.
    List<long[]> results =
        Race.run(
            64,
            (t, barrier) -> {
              long units = 1L + t % 4;
              QuotaResult r = rf.quotas().consume("api-calls", key, units, 100, day);
              return new long[] {r instanceof Consumed ? units : 0, units};
            });
    long consumed = results.stream().mapToLong(r -> r[0]).sum();
    assertThat(consumed).isLessThanOrEqualTo(100);
    assertThat(rf.quotas().used("api-calls", key, day)).isEqualTo(consumed);
    long smallestRefused =
        results.stream().filter(r -> r[0] == 0).mapToLong(r -> r[1]).min().orElse(Long.MAX_VALUE);
    assertThat(consumed + smallestRefused).isGreaterThan(100); // a refusal means it did not fit
  }

  @Test
  void consume_release_and_the_refusal_say_what_remains_and_when_it_resets(
      Racefree rf, DSLContext dsl) {
    String key = UUID.randomUUID().toString();
    Instant before = dbNow(dsl);
    // tag::quota[]
    Period day = Period.day(ZoneId.of("Pacific/Auckland")); // a day ends at midnight there
    QuotaResult first = rf.quotas().consume("login-attempts", key, 1, 3, day);
    // Consumed(remaining=2)
    rf.quotas().consume("login-attempts", key, 2, 3, day);
    QuotaResult fourth = rf.quotas().consume("login-attempts", key, 1, 3, day);
    // QuotaExhausted(remaining=0, resetsAt=the next midnight in Auckland)
    rf.quotas().release("login-attempts", key, 1, day); // one attempt forgiven
    // end::quota[]
    Instant after = dbNow(dsl);
    assertThat(first).isEqualTo(new Consumed(2));
    // The next midnight in Auckland after the database's clock, from before or after the calls.
    assertThat(fourth)
        .isIn(
            new QuotaExhausted(0, nextMidnight(before, AUCKLAND)),
            new QuotaExhausted(0, nextMidnight(after, AUCKLAND)));
    assertThat(rf.quotas().used("login-attempts", key, day)).isEqualTo(2);
    assertThat(rf.quotas().consume("login-attempts", key, 1, 3, day)).isEqualTo(new Consumed(0));
    // Never below zero; a larger request than the cap never fits.
    assertThat(rf.quotas().release("login-attempts", key, 10, day)).isZero();
    assertThat(rf.quotas().consume("login-attempts", key, 4, 3, day))
        .isEqualTo(new QuotaExhausted(3, null));
    // The same key per minute is another counter.
    assertThat(
            rf.quotas().consume("login-attempts", key, 3, 3, Period.rolling(Duration.ofMinutes(1))))
        .isEqualTo(new Consumed(0));
    assertThat(rf.quotas().used("login-attempts", key, day)).isZero();
  }

  @Test
  void a_rolling_window_gives_its_units_back_once_their_bucket_has_left_it(
      Racefree rf, DSLContext dsl) {
    String key = UUID.randomUUID().toString();
    Period window = Period.rolling(Duration.ofSeconds(2)); // buckets of one second
    Instant before = dbNow(dsl);
    assertThat(rf.quotas().consume("votes", key, 5, 5, window)).isEqualTo(new Consumed(0));
    Instant after = dbNow(dsl);
    QuotaResult refused = rf.quotas().consume("votes", key, 1, 5, window);
    // The five count until their second's bucket has left the window: its end plus 2 seconds.
    Instant resetsAt = ((QuotaExhausted) refused).resetsAt();
    assertThat(resetsAt)
        .isBetween(
            before.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(3),
            after.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).plusSeconds(3));
    // The database's clock decides: wait on it, not on this JVM's.
    OffsetDateTime now;
    do {
      now = dsl.select(DSL.currentOffsetDateTime()).fetchSingle().value1();
    } while (now.toInstant().isBefore(resetsAt));
    assertThat(rf.quotas().consume("votes", key, 5, 5, window)).isEqualTo(new Consumed(0));
  }

  @Test
  void a_calendar_day_ends_at_midnight_in_its_zone_whatever_the_session_s_zone(DSLContext pool) {
    // Auckland is at +13:00 in December: its day ends at 11:00 UTC.
    OffsetDateTime before = OffsetDateTime.parse("2026-12-03T10:59:59.999999Z");
    OffsetDateTime after = OffsetDateTime.parse("2026-12-03T11:00:00Z");
    pool.connection(connection -> {
      DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
      dsl.execute("SET TIME ZONE 'America/Los_Angeles'"); // this session's zone is not the limit's
      try {
        long dayBefore = window(dsl, "day", "Pacific/Auckland", before);
        long dayAfter = window(dsl, "day", "Pacific/Auckland", after);
        assertThat(dayAfter).isGreaterThan(dayBefore);
        assertThat(Instant.ofEpochSecond(dayAfter)).isEqualTo(after.toInstant());
        assertThat(
                dsl.select(
                        Routines.quotaWindowEnd(
                            DSL.val("day"), DSL.val("Pacific/Auckland"), DSL.val(before)))
                    .fetchSingle()
                    .value1()
                    .toInstant())
            .isEqualTo(after.toInstant());
        // A month: from the first, at midnight there; a week from Monday (2026-11-30).
        assertThat(Instant.ofEpochSecond(window(dsl, "month", "Pacific/Auckland", after)))
            .isEqualTo(Instant.parse("2026-11-30T11:00:00Z"));
        assertThat(Instant.ofEpochSecond(window(dsl, "week", "UTC", after)))
            .isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
        // Daylight saving: Auckland's day of 2027-04-04 has 25 hours.
        assertThat(
                dsl.select(
                        Routines.quotaWindowEnd(
                            DSL.val("day"),
                            DSL.val("Pacific/Auckland"),
                            DSL.val(OffsetDateTime.parse("2027-04-03T12:00:00Z"))))
                    .fetchSingle()
                    .value1()
                    .toInstant())
            .isEqualTo(Instant.parse("2027-04-04T12:00:00Z"));
      } finally {
        dsl.execute("RESET TIME ZONE");
      }
    });
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void a_burst_of_64_reservations_reserves_at_most_the_cap_and_each_ends_once(Isolation isolation)
      throws Exception {
    Racefree rf = Racefree.using(TestDatabase.get().dsl(isolation));
    String key = UUID.randomUUID().toString();
    Instant later = Instant.now().plus(Duration.ofHours(1));
    List<ReservationResult> reserved =
        Race.run(
            64, (t, barrier) -> rf.quotas().reserve("seats", key, 1, 40, Period.total(), later));
    List<Long> ids =
        reserved.stream()
            .filter(Reserved.class::isInstance)
            .map(r -> ((Reserved) r).reservationId())
            .toList();
    assertThat(ids).hasSize(40);
    assertThat(reserved).filteredOn(QuotaExhausted.class::isInstance).hasSize(24);
    assertThat(rf.quotas().used("seats", key, Period.total())).isEqualTo(40);
    // 64 callers race to end one reservation, half confirming, half releasing: exactly one does.
    long contested = ids.getFirst();
    List<ReservationEndResult> ends =
        Race.run(
            64,
            (t, barrier) ->
                t % 2 == 0 ? rf.quotas().confirm(contested) : rf.quotas().release(contested));
    assertThat(ends)
        .filteredOn(e -> e instanceof ReservationConfirmed || e instanceof ReservationReleased)
        .hasSize(1);
    assertThat(ends).filteredOn(ReservationNotActive.class::isInstance).hasSize(63);
    long expected = ends.stream().anyMatch(ReservationReleased.class::isInstance) ? 39 : 40;
    assertThat(rf.quotas().used("seats", key, Period.total())).isEqualTo(expected);
  }

  @Test
  void a_reservation_counts_until_confirmed_released_or_expired(Racefree rf, DSLContext dsl) {
    String key = UUID.randomUUID().toString();
    Period day = Period.day(AUCKLAND);
    Instant later = Instant.now().plus(Duration.ofHours(1));
    // tag::reserve[]
    ReservationResult seat = rf.quotas().reserve("tickets", key, 2, 3, day, later);
    // Reserved(reservationId, remaining=1): the two count at once
    long id = ((Reserved) seat).reservationId();
    rf.quotas().confirm(id); // paid: they stay counted (release(id) would give them back)
    // end::reserve[]
    assertThat(((Reserved) seat).remaining()).isEqualTo(1);
    assertThat(rf.quotas().used("tickets", key, day)).isEqualTo(2);
    assertThat(rf.quotas().release(id))
        .isEqualTo(new ReservationNotActive(id, ReservationNotActive.Ended.CONFIRMED));
    long other = ((Reserved) rf.quotas().reserve("tickets", key, 1, 3, day, later)).reservationId();
    assertThat(rf.quotas().reserve("tickets", key, 1, 3, day, later))
        .isInstanceOf(QuotaExhausted.class);
    assertThat(rf.quotas().release(other)).isEqualTo(new ReservationReleased(other, 2));
    assertThat(rf.quotas().confirm(other))
        .isEqualTo(new ReservationNotActive(other, ReservationNotActive.Ended.RELEASED));
    assertThat(rf.quotas().confirm(Long.MAX_VALUE))
        .isEqualTo(new UnknownReservation(Long.MAX_VALUE));

    // A lapsed reservation gives its units back to the first request its counter refuses.
    Instant soon = dbNow(dsl).plusMillis(300);
    long lapsing =
        ((Reserved) rf.quotas().reserve("tickets", key, 1, 3, day, soon)).reservationId();
    Instant now;
    do {
      now = dbNow(dsl);
    } while (!now.isAfter(soon)); // the database's clock decides
    assertThat(rf.quotas().consume("tickets", key, 1, 3, day)).isEqualTo(new Consumed(0));
    assertThat(rf.quotas().confirm(lapsing))
        .isEqualTo(new ReservationNotActive(lapsing, ReservationNotActive.Ended.EXPIRED));
    assertThat(rf.quotas().sweepExpired()).isZero();
  }

  @Test
  void idle_counters_that_count_nothing_are_purged_and_the_others_kept(
      Racefree rf, DSLContext dsl) {
    String key = UUID.randomUUID().toString();
    Period second = Period.rolling(Duration.ofSeconds(1));
    rf.quotas().consume("purge", key, 1, 5, second); // counts nothing once its bucket left
    rf.quotas().consume("purge", key, 1, 5, Period.total()); // counts for good
    Instant after = dbNow(dsl).plusSeconds(2);
    while (dbNow(dsl).isBefore(after)) {
      // the database's clock decides when the rolling counter counts nothing
    }
    rf.quotas().purgeIdle(after);
    assertThat(dsl.fetchCount(QUOTAS, QUOTAS.KEY.eq(key))).isEqualTo(1);
    assertThat(rf.quotas().used("purge", key, Period.total())).isEqualTo(1);
    assertThat(rf.quotas().consume("purge", key, 5, 5, second)).isEqualTo(new Consumed(0));
  }

  @Test
  void a_rolling_window_resets_when_enough_of_its_oldest_buckets_left_and_gives_back_newest_first(
      DSLContext dsl) {
    // Buckets of 10 s of a 100 s window: 3 units in [50, 60), 4 in [60, 70), 2 in [70, 80).
    Long[] usage = {5L, 3L, 6L, 4L, 7L, 2L};
    OffsetDateTime at = OffsetDateTime.ofInstant(Instant.ofEpochSecond(75), ZoneOffset.UTC);
    // 4 more on a cap of 9 need 4 freed: the first bucket frees 3, the second 4 more; the second
    // stops counting at its end plus the window, 70 + 100.
    assertThat(
            dsl.select(
                    Routines.quotaResetsAt(
                        DSL.val("rolling"),
                        DSL.val("UTC"),
                        DSL.val(10L),
                        DSL.val(100L),
                        DSL.val(usage),
                        DSL.val(4L),
                        DSL.val(9L),
                        DSL.val(at)))
                .fetchSingle()
                .value1()
                .toInstant())
        .isEqualTo(Instant.ofEpochSecond(170));
    // Giving back 5 takes the newest bucket's 2, then 3 of the 4 before it.
    assertThat(
            dsl.select(Routines.quotaGiveBack(DSL.val(usage), DSL.val(-3L), DSL.val(5L)))
                .fetchSingle()
                .value1())
        .containsExactly(5L, 3L, 6L, 1L);
    // A window no longer counted is dropped; a reservation's units leave only their own window.
    assertThat(
            dsl.select(Routines.quotaAdd(DSL.val(usage), DSL.val(6L), DSL.val(7L), DSL.val(-5L)))
                .fetchSingle()
                .value1())
        .containsExactly(6L, 4L);
  }

  @Test
  void a_retried_consumption_under_one_key_counts_once(Racefree rf) throws Exception {
    String key = UUID.randomUUID().toString();
    IdempotencyKey request = IdempotencyKey.of("vote", UUID.randomUUID().toString());
    List<QuotaResult> results =
        Race.run(
            16, (t, barrier) -> rf.quotas().consume("votes", key, 1, 10, Period.total(), request));
    assertThat(results).containsOnly(new Consumed(9));
    assertThat(rf.quotas().used("votes", key, Period.total())).isEqualTo(1);
    assertThatThrownBy(() -> rf.quotas().consume("votes", key, 2, 10, Period.total(), request))
        .isInstanceOf(IdempotencyConflictException.class);
    IdempotencyKey refusedKey = IdempotencyKey.of("vote", UUID.randomUUID().toString());
    QuotaResult refused = rf.quotas().consume("votes", key, 20, 10, Period.total(), refusedKey);
    assertThat(refused).isEqualTo(new QuotaExhausted(9, null));
    assertThat(rf.quotas().consume("votes", key, 20, 10, Period.total(), refusedKey))
        .isEqualTo(refused);
  }

  @Test
  void bad_arguments_are_refused_before_any_sql(Racefree rf, DSLContext dsl) {
    int rows = dsl.fetchCount(QUOTAS);
    Quotas q = rf.quotas();
    assertThatThrownBy(() -> q.consume(" ", "k", 1, 1, Period.total()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("scope");
    assertThatThrownBy(() -> q.consume("s", "k\0", 1, 1, Period.total()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("key");
    assertThatThrownBy(() -> q.consume("s", "k", 0, 1, Period.total()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("units");
    assertThatThrownBy(() -> q.consume("s", "k", 1, Quotas.MAX_CAP + 1, Period.total()))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("cap");
    assertThatThrownBy(() -> q.consume("s", "k", 1, 1, null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("period");
    assertThatThrownBy(() -> Period.rolling(Duration.ZERO))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("window");
    assertThatThrownBy(() -> Period.rolling(Duration.ofMillis(1500)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("window");
    assertThatThrownBy(() -> Period.rolling(Duration.ofDays(367)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("window");
    assertThatThrownBy(() -> Period.day(ZoneOffset.ofHours(2)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("zone");
    // PostgreSQL reads CET as a fixed offset all year, Java as Central European (Summer) Time.
    assertThatThrownBy(() -> Period.day(ZoneId.of("CET")))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("zone");
    assertThatThrownBy(() -> Period.month(null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("zone");
    assertThat(Period.day(ZoneOffset.UTC)).isEqualTo(Period.day(ZoneId.of("UTC")));
    assertThat(dsl.fetchCount(QUOTAS)).isEqualTo(rows);
  }

  private static Instant dbNow(DSLContext dsl) {
    return dsl.select(DSL.currentOffsetDateTime()).fetchSingle().value1().toInstant();
  }

  private static Instant nextMidnight(Instant at, ZoneId zone) {
    return ZonedDateTime.ofInstant(at, zone)
        .toLocalDate()
        .plusDays(1)
        .atStartOfDay(zone)
        .toInstant();
  }

  private static long window(DSLContext dsl, String unit, String zone, OffsetDateTime at) {
    return dsl.select(Routines.quotaWindow(DSL.val(unit), DSL.val(zone), DSL.val(1L), DSL.val(at)))
        .fetchSingle()
        .value1();
  }
}
