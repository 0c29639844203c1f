package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.BatchOptions;
import dev.racefree.Batching;
import dev.racefree.IdempotencyKey;
import dev.racefree.Leg;
import dev.racefree.Limits;
import dev.racefree.LockPolicy;
import dev.racefree.Period;
import dev.racefree.Racefree;
import dev.racefree.VelocityLimit;
import dev.racefree.VelocityUsage;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.schema.Routines;
import dev.racefree.internal.schema.udt.records.VelocityLimitRecord;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.Captured;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.DebitedUpTo;
import dev.racefree.result.Held;
import dev.racefree.result.LegRefused;
import dev.racefree.result.LegsTransferred;
import dev.racefree.result.LockResult;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.Released;
import dev.racefree.result.Reversed;
import dev.racefree.result.Transferred;
import dev.racefree.result.VelocityLimitExceeded;
import dev.racefree.result.VelocityLimitExceeded.Measure;
import dev.racefree.result.VelocityLimitsSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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

/**
 * Spend velocity limits: caps on what an account's debits, holds and outgoing transfers take per
 * period, checked and counted on the account's row in the statement that checks its funds.
 */
@ExtendWith(PostgresExtension.class)
class VelocityLimitsTest {

  private static final ZoneId AUCKLAND = ZoneId.of("Pacific/Auckland");

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void a_burst_of_64_debits_never_takes_more_than_the_daily_amount(Isolation isolation)
      throws Exception {
    Racefree rf = Racefree.using(TestDatabase.get().dsl(isolation));
    long card = Funded.funded(rf, 1_000_000);
    rf.limits().setVelocity(card, VelocityLimit.amount("daily", Period.day(AUCKLAND), 1_000));
    List<DebitResult> results = Race.run(64, (t, barrier) -> rf.accounts().debit(card, 25));
    assertThat(results).filteredOn(Debited.class::isInstance).hasSize(40);
    assertThat(results)
        .filteredOn(VelocityLimitExceeded.class::isInstance)
        .hasSize(24)
        .allSatisfy(r -> {
          VelocityLimitExceeded refused = (VelocityLimitExceeded) r;
          assertThat(refused.limit()).isEqualTo("daily");
          assertThat(refused.measure()).isEqualTo(Measure.AMOUNT);
          assertThat(refused.used()).isEqualTo(1_000);
          assertThat(refused.remaining()).isZero();
        });
    assertThat(rf.accounts().balance(card)).isEqualTo(1_000_000 - 1_000);
    VelocityUsage usage = rf.limits().velocity(card).getFirst();
    assertThat(usage.amount()).isEqualTo(1_000);
    assertThat(usage.count()).isEqualTo(40);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void a_burst_of_every_kind_of_spend_never_passes_the_count(Isolation isolation) throws Exception {
    Racefree rf = Racefree.using(TestDatabase.get().dsl(isolation));
    long card = Funded.funded(rf, 1_000_000);
    long shop = Funded.funded(rf, 0);
    rf.limits()
        .setVelocity(
            card,
            VelocityLimit.amount("withdrawals", Period.day(AUCKLAND), 1_000_000).andCount(30));
    Instant later = Instant.now().plus(Duration.ofHours(1));
    try (Batching batching = rf.batching(BatchOptions.defaults().withConnections(2))) {
      // Debits, holds, transfers, multi-leg transfers, debitUpTo, batched debits, batched holds and
      // batched transfers: 64 spends of 10, all at once, on a cap of 30 spends.
      List<Boolean> spent =
          Race.run(
              64,
              (t, barrier) ->
                  switch (t % 8) {
                    case 0 -> rf.accounts().debit(card, 10) instanceof Debited;
                    case 1 -> rf.holds().hold(card, 10, later) instanceof Held;
                    case 2 -> rf.accounts().transfer(card, shop, 10) instanceof Transferred;
                    case 3 ->
                        rf.transfers().transfer(List.of(new Leg(card, shop, 10)))
                            instanceof LegsTransferred;
                    case 4 ->
                        rf.accounts().debitUpTo(card, 10) instanceof DebitedUpTo d
                            && d.taken() == 10;
                    case 5 -> batching.debit(card, 10) instanceof Debited;
                    case 6 -> batching.hold(card, 10, later) instanceof Held;
                    default -> batching.transfer(card, shop, 10) instanceof Transferred;
                  });
      assertThat(spent).filteredOn(s -> s).hasSize(30);
    }
    VelocityUsage usage = rf.limits().velocity(card).getFirst();
    assertThat(usage.count()).isEqualTo(30);
    assertThat(usage.amount()).isEqualTo(300);
    assertThat(rf.holds().available(card)).isEqualTo(1_000_000 - 300); // debited or held
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_refusal_says_which_limit_what_it_counts_and_when_it_resets(Racefree rf, DSLContext dsl) {
    long account = Funded.funded(rf, 1_000_00);
    Instant before = dbNow(dsl);
    // tag::velocity[]
    Period day = Period.day(ZoneId.of("Pacific/Auckland")); // the customer's day
    rf.limits().setVelocity(account, VelocityLimit.amount("daily", day, 500_00).andCount(3));
    rf.accounts().debit(account, 300_00); // Debited
    DebitResult second = rf.accounts().debit(account, 250_00);
    // VelocityLimitExceeded(accountId, limit="daily", measure=AMOUNT, used=30000,
    //     remaining=20000, resetsAt=the next midnight in Auckland)
    // end::velocity[]
    Instant after = dbNow(dsl);
    assertThat(second)
        .isIn(
            new VelocityLimitExceeded(
                account, "daily", Measure.AMOUNT, 300_00, 200_00, nextMidnight(before)),
            new VelocityLimitExceeded(
                account, "daily", Measure.AMOUNT, 300_00, 200_00, nextMidnight(after)));
    assertThat(rf.accounts().debit(account, 100_00)).isInstanceOf(Debited.class);
    assertThat(rf.accounts().debit(account, 1)).isInstanceOf(Debited.class);
    VelocityLimitExceeded fourth = (VelocityLimitExceeded) rf.accounts().debit(account, 1);
    assertThat(fourth.measure()).isEqualTo(Measure.COUNT);
    assertThat(fourth.used()).isEqualTo(3);
    assertThat(fourth.remaining()).isZero();
    // debitUpTo takes what the limits let it, and says so when they let it take nothing.
    assertThat(rf.accounts().debitUpTo(account, 100)).isInstanceOf(VelocityLimitExceeded.class);
    rf.limits().setVelocity(account, VelocityLimit.amount("daily", day, 500_00).andCount(10));
    assertThat(rf.accounts().debitUpTo(account, 1_000_00))
        .isEqualTo(new DebitedUpTo(99_99, 500_00));
    assertThat(rf.limits().velocity(account).getFirst().amount()).isEqualTo(500_00);
  }

  @Test
  void holds_count_when_opened_give_back_when_released_or_expired_and_keep_when_captured(
      Racefree rf, DSLContext dsl) {
    long account = Funded.funded(rf, 10_000);
    rf.limits().setVelocity(account, VelocityLimit.amount("daily", Period.day(AUCKLAND), 1_000));
    Instant later = Instant.now().plus(Duration.ofHours(1));
    long released = ((Held) rf.holds().hold(account, 600, later)).holdId();
    assertThat(rf.holds().hold(account, 600, later)).isInstanceOf(VelocityLimitExceeded.class);
    assertThat(rf.holds().release(released)).isEqualTo(new Released(released));
    assertThat(used(rf, account)).isEqualTo(new long[] {0, 0});
    long captured = ((Held) rf.holds().hold(account, 600, later)).holdId();
    assertThat(rf.holds().capture(captured, 400)).isInstanceOf(Captured.class);
    // The capture keeps its 400 and its spend; the 200 it left go back.
    assertThat(used(rf, account)).isEqualTo(new long[] {400, 1});
    Instant soon = dbNow(dsl).plusMillis(300);
    assertThat(rf.holds().hold(account, 600, soon)).isInstanceOf(Held.class);
    assertThat(rf.accounts().debit(account, 1)).isInstanceOf(VelocityLimitExceeded.class);
    while (!dbNow(dsl).isAfter(soon)) {
      Thread.onSpinWait(); // the database's clock decides the expiry, not a sleep
    }
    // The debit finds the hold expired: it stops counting in funds and in the limit.
    assertThat(rf.accounts().debit(account, 600)).isInstanceOf(Debited.class);
    assertThat(used(rf, account)).isEqualTo(new long[] {1_000, 2});
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void limits_change_under_the_row_lock_keeping_the_usage_of_the_same_period(Racefree rf) {
    long account = Funded.funded(rf, 10_000);
    Period day = Period.day(AUCKLAND);
    rf.limits().setVelocity(account, VelocityLimit.amount("daily", day, 100));
    rf.accounts().debit(account, 80);
    assertThat(rf.accounts().debit(account, 30)).isInstanceOf(VelocityLimitExceeded.class);
    // Raised: today's 80 still count.
    VelocityLimit raised = VelocityLimit.amount("daily", day, 200);
    assertThat(rf.limits().setVelocity(account, raised))
        .isEqualTo(new VelocityLimitsSet(account, List.of(raised)));
    assertThat(rf.accounts().debit(account, 30)).isInstanceOf(Debited.class);
    assertThat(used(rf, account)).isEqualTo(new long[] {110, 2});
    // Lowered below what is spent: nothing more today, and what was spent stays.
    rf.limits().setVelocity(account, VelocityLimit.amount("daily", day, 50));
    assertThat(rf.accounts().debit(account, 1)).isInstanceOf(VelocityLimitExceeded.class);
    // Another period counts afresh; a second limit adds to the first.
    VelocityLimit weekly = VelocityLimit.count("weekly", Period.week(AUCKLAND), 5);
    VelocityLimit daily = VelocityLimit.amount("daily", Period.day(ZoneId.of("UTC")), 50);
    rf.limits().setVelocity(account, weekly);
    assertThat(rf.limits().setVelocity(account, daily))
        .isEqualTo(new VelocityLimitsSet(account, List.of(daily, weekly)));
    assertThat(rf.accounts().debit(account, 50)).isInstanceOf(Debited.class);
    assertThat(rf.limits().velocity(account))
        .extracting(VelocityUsage::amount, VelocityUsage::count)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(50L, 1L),
            org.assertj.core.groups.Tuple.tuple(50L, 1L));
    assertThat(rf.limits().removeVelocity(account, "daily"))
        .isEqualTo(new VelocityLimitsSet(account, List.of(weekly)));
    assertThat(rf.limits().removeVelocity(account, "weekly"))
        .isEqualTo(new VelocityLimitsSet(account, List.of()));
    assertThat(rf.limits().velocity(account)).isEmpty();
    assertThat(rf.accounts().debit(account, 5_000)).isInstanceOf(Debited.class);
    // At most ten limits; unknown and closed accounts are values.
    for (int i = 0; i < Limits.MAX_VELOCITY_LIMITS; i++) {
      rf.limits().setVelocity(account, VelocityLimit.count("limit " + i, day, 100));
    }
    assertThatThrownBy(
            () -> rf.limits().setVelocity(account, VelocityLimit.count("eleventh", day, 1)))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("10 velocity limits");
    assertThat(rf.limits().setVelocity(Long.MAX_VALUE, daily))
        .isEqualTo(new NoSuchAccount(Long.MAX_VALUE));
    long closed = Funded.funded(rf, 0);
    rf.lifecycle().close(closed);
    assertThat(rf.limits().setVelocity(closed, daily)).isEqualTo(new AccountClosed(closed));
  }

  @Test
  void idempotent_retries_withLock_debits_and_reversals(Racefree rf) {
    long account = Funded.funded(rf, 10_000);
    rf.limits().setVelocity(account, VelocityLimit.count("once", Period.total(), 2));
    IdempotencyKey key = IdempotencyKey.of("velocity", UUID.randomUUID().toString());
    assertThat(rf.accounts().debit(account, 10, key)).isInstanceOf(Debited.class);
    assertThat(rf.accounts().debit(account, 10, key)).isInstanceOf(Debited.class); // a replay
    assertThat(used(rf, account)).isEqualTo(new long[] {10, 1});
    LockResult<DebitResult> locked =
        rf.accounts().withLock(account, LockPolicy.waitIndefinitely(), a -> a.debit(10));
    assertThat(locked).isEqualTo(new LockResult.Acquired<DebitResult>(new Debited(9_980)));
    LockResult<DebitResult> third =
        rf.accounts().withLock(account, LockPolicy.waitIndefinitely(), a -> a.debit(10));
    assertThat(((LockResult.Acquired<DebitResult>) third).value())
        .isInstanceOf(VelocityLimitExceeded.class);
    // A reversal is no spend: reversing a credit into a limited account takes it back anyway.
    long payer = Funded.funded(rf, 100);
    Transferred in = (Transferred) rf.accounts().transfer(payer, account, 100);
    assertThat(in.toBalance()).isEqualTo(10_080);
    UUID posting =
        rf.ledger()
            .history(account, Instant.EPOCH, Instant.now().plusSeconds(60), 0, 100)
            .getLast()
            .correlationId();
    assertThat(posting).isNotNull();
    assertThat(rf.ledger().reverse(posting)).isInstanceOf(Reversed.class);
    assertThat(used(rf, account)).isEqualTo(new long[] {20, 2});
    // A multi-leg transfer whose second leg breaks the limit applies no leg.
    rf.limits().setVelocity(account, VelocityLimit.count("once", Period.total(), 3));
    assertThat(
            rf.transfers()
                .transfer(List.of(new Leg(account, payer, 1), new Leg(account, payer, 1))))
        .isInstanceOf(LegRefused.class);
    assertThat(rf.accounts().balance(account)).isEqualTo(9_980);
    assertThat(rf.verify().isClean()).isTrue();
  }

  @Test
  void a_day_ends_at_midnight_in_the_limit_s_zone_whatever_the_session_s_zone(DSLContext pool) {
    // One limit of 100 a day in Auckland, judged at one second before and at its midnight, from a
    // session in Los Angeles: the spend before midnight fills the day, the next day is empty.
    ZonedDateTime midnight = ZonedDateTime.of(2026, 12, 5, 0, 0, 0, 0, AUCKLAND);
    OffsetDateTime before = midnight.minusSeconds(1).toOffsetDateTime();
    OffsetDateTime at = midnight.toOffsetDateTime();
    pool.connection(connection -> {
      DSLContext dsl = DSL.using(connection, SQLDialect.POSTGRES);
      dsl.execute("SET TIME ZONE 'America/Los_Angeles'");
      try {
        VelocityLimitRecord[] limits =
            dsl.select(
                    Routines.velocitySet(
                        DSL.val((VelocityLimitRecord[]) null, ACCOUNTS.VELOCITY.getDataType()),
                        DSL.val("daily"),
                        DSL.val("day"),
                        DSL.val("Pacific/Auckland"),
                        DSL.val(1L),
                        DSL.val(0L),
                        DSL.val(100L),
                        DSL.val((Long) null),
                        DSL.val(before.minusHours(1))))
                .fetchSingle()
                .value1();
        VelocityLimitRecord[] spent =
            dsl.select(
                    Routines.velocityAdd(
                        DSL.val(limits, ACCOUNTS.VELOCITY.getDataType()),
                        DSL.val(100L),
                        DSL.val(1L),
                        DSL.val(before)))
                .fetchSingle()
                .value1();
        assertThat(allows(dsl, spent, 1, before)).isFalse();
        assertThat(allows(dsl, spent, 100, at)).isTrue();
        assertThat(allows(dsl, spent, 101, at)).isFalse();
      } finally {
        dsl.execute("RESET TIME ZONE");
      }
    });
  }

  @Test
  void a_rolling_window_lets_a_spend_through_once_its_oldest_bucket_has_left(
      Racefree rf, DSLContext dsl) {
    long account = Funded.funded(rf, 1_000);
    rf.limits()
        .setVelocity(
            account, VelocityLimit.count("burst", Period.rolling(Duration.ofSeconds(1)), 1));
    assertThat(rf.accounts().debit(account, 1)).isInstanceOf(Debited.class);
    VelocityLimitExceeded refused = (VelocityLimitExceeded) rf.accounts().debit(account, 1);
    Instant resets = refused.resetsAt();
    assertThat(resets).isNotNull();
    while (dbNow(dsl).isBefore(resets)) {
      Thread.onSpinWait(); // the database's clock decides the window
    }
    assertThat(rf.accounts().debit(account, 1)).isInstanceOf(Debited.class);
  }

  private static boolean allows(
      DSLContext dsl, VelocityLimitRecord[] limits, long amount, OffsetDateTime at) {
    return dsl.select(
            Routines.velocityAllows(
                DSL.val(limits, ACCOUNTS.VELOCITY.getDataType()), DSL.val(amount), DSL.val(at)))
        .fetchSingle()
        .value1();
  }

  /** {amount, count} the account's first limit counts now. */
  private static long[] used(Racefree rf, long account) {
    VelocityUsage u = rf.limits().velocity(account).getFirst();
    return new long[] {u.amount(), u.count()};
  }

  private static Instant dbNow(DSLContext dsl) {
    return dsl.select(DSL.field("statement_timestamp()", OffsetDateTime.class))
        .fetchSingle()
        .value1()
        .toInstant();
  }

  private static Instant nextMidnight(Instant at) {
    return at.atZone(AUCKLAND).toLocalDate().plusDays(1).atStartOfDay(AUCKLAND).toInstant();
  }
}
