package dev.racefree.lab.load;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;

import dev.racefree.Period;
import dev.racefree.Racefree;
import dev.racefree.VelocityLimit;
import dev.racefree.VelocityUsage;
import dev.racefree.result.VelocityLimitsSet;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.impl.SQLDataType;

/**
 * The lab's daily spending limits: one per account of a run, an amount per calendar day in UTC,
 * judged by the database's clock. racefree's strategy sets it on each account as a velocity limit;
 * the naive one keeps it in Java and sums the day's debits from the ledger.
 */
public final class LabVelocity {

  /** The limit's name on each account. */
  public static final String NAME = "lab-daily";

  /** The period each limit counts over. */
  public static final Period PERIOD = Period.day(ZoneOffset.UTC);

  /** The start of the current day in UTC, by the database's clock. */
  static final Field<OffsetDateTime> DAY_START =
      function(
          "date_trunc",
          SQLDataType.TIMESTAMPWITHTIMEZONE,
          inline("day"),
          function("statement_timestamp", SQLDataType.TIMESTAMPWITHTIMEZONE),
          inline("UTC"));

  private LabVelocity() {}

  /** Sets a daily limit of {@code limit} minor units on every account of {@code ids}. */
  public static void set(DSLContext dsl, long[] ids, long limit) {
    var limits = Racefree.using(dsl).limits();
    VelocityLimit daily = VelocityLimit.amount(NAME, PERIOD, limit);
    for (long id : ids) {
      if (!(limits.setVelocity(id, daily) instanceof VelocityLimitsSet)) {
        throw new IllegalStateException("the lab's account " + id + " took no limit");
      }
    }
  }

  /**
   * The current day in UTC by the database's clock: a run that ends on another day than it began
   * had its limits reset half way, and its counts mean nothing.
   */
  public static OffsetDateTime dayStart(DSLContext dsl) {
    return dsl.select(DAY_START).fetchSingle(Record1::value1);
  }

  /**
   * What account {@code accountId}'s debits took today, summed from the ledger: the naive way to
   * know the day's spending.
   */
  public static long spentToday(DSLContext dsl, long accountId) {
    return dsl.select(spent())
        .from(LEDGER_ENTRIES)
        .where(LEDGER_ENTRIES.ACCOUNT_ID.eq(accountId))
        .and(LEDGER_ENTRIES.AMOUNT.lt(0L))
        .and(LEDGER_ENTRIES.CREATED_AT.ge(select(DAY_START).asField()))
        .fetchSingle(r -> r.value1().longValueExact());
  }

  /** As {@link #spentToday(DSLContext, long)}, for each of {@code ids} (sorted), in their order. */
  public static long[] spentToday(DSLContext dsl, long[] ids) {
    Map<Long, BigDecimal> byId =
        dsl.select(LEDGER_ENTRIES.ACCOUNT_ID, spent())
            .from(LEDGER_ENTRIES)
            .where(LEDGER_ENTRIES.ACCOUNT_ID.between(ids[0], ids[ids.length - 1]))
            .and(LEDGER_ENTRIES.AMOUNT.lt(0L))
            .and(LEDGER_ENTRIES.CREATED_AT.ge(select(DAY_START).asField()))
            .groupBy(LEDGER_ENTRIES.ACCOUNT_ID)
            .fetchMap(Record2::value1, Record2::value2);
    long[] spent = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      BigDecimal s = byId.get(ids[i]);
      spent[i] = s == null ? 0 : s.longValueExact();
    }
    return spent;
  }

  /** What racefree's limit on each of {@code ids} counts for today, in their order. */
  public static long[] counted(DSLContext dsl, long[] ids) {
    var limits = Racefree.using(dsl).limits();
    long[] counted = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      List<VelocityUsage> uses = limits.velocity(ids[i]);
      counted[i] =
          uses.stream()
              .filter(u -> u.limit().name().equals(NAME))
              .mapToLong(VelocityUsage::amount)
              .findFirst()
              .orElse(0);
    }
    return counted;
  }

  private static Field<BigDecimal> spent() {
    return coalesce(sum(LEDGER_ENTRIES.AMOUNT.neg()), BigDecimal.ZERO);
  }
}
