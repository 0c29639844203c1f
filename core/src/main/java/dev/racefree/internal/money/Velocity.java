package dev.racefree.internal.money;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.VELOCITY_USES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lateral;

import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.Routines;
import dev.racefree.internal.schema.tables.VelocityUses;
import dev.racefree.internal.schema.udt.records.VelocityLimitRecord;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.result.VelocityLimitExceeded;
import dev.racefree.result.VelocityLimitExceeded.Measure;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jspecify.annotations.Nullable;

/**
 * Spend velocity limits, stated once: in SQL for the statements that spend ({@link #allows}, {@link
 * #counted}, {@link #room}, {@link #givenBack}), on the account's own row so the funds check and
 * the limits are judged on the same row version; and in Java ({@link Use#refusal}) for rows already
 * locked, with the same answers. An account without limits has {@code velocity IS NULL}, and every
 * function is {@code STRICT}: it pays nothing.
 */
public final class Velocity {

  private Velocity() {}

  /**
   * {@code coalesce(velocity_allows(velocity, spent, now), true)}: a spend of {@code spent} fits
   * every limit (always, for an account without limits or a {@code null} spend, which is not
   * counted).
   */
  public static Condition allows(Field<Long> spent) {
    return condition(
        coalesce(Routines.velocityAllows(ACCOUNTS.VELOCITY, spent, DbClock.NOW), inline(true)));
  }

  /**
   * {@code coalesce(velocity_add(velocity, spent, n, now), velocity)}: the limits with the spend
   * counted (unchanged for a {@code null} spend).
   */
  public static Field<VelocityLimitRecord[]> counted(Field<Long> spent, Field<Long> n) {
    return coalesce(
        Routines.velocityAdd(ACCOUNTS.VELOCITY, spent, n, DbClock.NOW), ACCOUNTS.VELOCITY);
  }

  /**
   * {@code velocity_room(velocity, now)}: the most one spend may take, {@code null} when no limit
   * caps it; {@code least(...)} ignores it then.
   */
  public static Field<Long> room() {
    return Routines.velocityRoom(ACCOUNTS.VELOCITY, DbClock.NOW);
  }

  /**
   * {@code coalesce(velocity_give_back(velocity, amounts, counts, counted_at, now), velocity)}: the
   * limits with what ended holds counted given back to the windows they were counted in.
   */
  public static Field<VelocityLimitRecord[]> givenBack(
      Field<Long[]> amounts, Field<Long[]> counts, Field<OffsetDateTime[]> countedAt) {
    return coalesce(
        Routines.velocityGiveBack(ACCOUNTS.VELOCITY, amounts, counts, countedAt, DbClock.NOW),
        ACCOUNTS.VELOCITY);
  }

  /** One limit as it stands, as {@code velocity_uses} gives it. */
  public record Use(
      String name,
      String unit,
      String zone,
      long seconds,
      @Nullable Long maxAmount,
      long usedAmount,
      @Nullable Long maxCount,
      long usedCount,
      @Nullable Instant resetsAt) {

    /** Why a spend of {@code amount} does not fit this limit, or {@code null}. */
    public @Nullable VelocityLimitExceeded refusal(long accountId, long amount) {
      if (maxAmount != null && usedAmount > maxAmount - amount) {
        return new VelocityLimitExceeded(
            accountId,
            name,
            Measure.AMOUNT,
            usedAmount,
            Math.max(0, maxAmount - usedAmount),
            resetsAt);
      }
      if (maxCount != null && usedCount >= maxCount) {
        return new VelocityLimitExceeded(
            accountId, name, Measure.COUNT, usedCount, Math.max(0, maxCount - usedCount), resetsAt);
      }
      return null;
    }

    /** This limit with a spend of {@code amount} counted. */
    public Use spent(long amount) {
      return new Use(
          name,
          unit,
          zone,
          seconds,
          maxAmount,
          usedAmount + amount,
          maxCount,
          usedCount + 1,
          resetsAt);
    }
  }

  /** Every limit of account {@code accountId} as it stands, in the order they were set. */
  public static List<Use> uses(Tx tx, long accountId) {
    VelocityUses u = VELOCITY_USES(ACCOUNTS.VELOCITY, DbClock.NOW).as("u");
    return tx.dsl()
        .select(
            u.NAME,
            u.UNIT,
            u.ZONE,
            u.SECONDS,
            u.MAX_AMOUNT,
            u.USED_AMOUNT,
            u.MAX_COUNT,
            u.USED_COUNT,
            u.RESETS_AT)
        .from(ACCOUNTS, lateral(u))
        .where(ACCOUNTS.ID.eq(accountId))
        .orderBy(u.ORD)
        .fetch(r ->
            new Use(
                r.value1(),
                r.value2(),
                r.value3(),
                r.value4(),
                r.value5(),
                r.value6(),
                r.value7(),
                r.value8(),
                r.value9() == null ? null : r.value9().toInstant()));
  }

  /** Why a spend of {@code amount} does not fit {@code uses}, or {@code null}. */
  public static @Nullable VelocityLimitExceeded refusal(
      List<Use> uses, long accountId, long amount) {
    for (Use use : uses) {
      VelocityLimitExceeded refused = use.refusal(accountId, amount);
      if (refused != null) {
        return refused;
      }
    }
    return null;
  }
}
