package dev.racefree.internal.sql;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;

import java.math.BigDecimal;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * The funds rule, stated once: a debit, hold or transfer of {@code amount} passes when {@code
 * balance - held - min_balance >= amount}; a credit when {@code coalesce(max_balance, 2^63 - 1) -
 * balance >= amount}. In SQL ({@link #spare()}, {@link #covers}, {@link #room()}, {@link #fits})
 * for every statement that checks funds, computed in {@code numeric} so no bound can overflow; in
 * Java ({@link #covers(long, long, long, long)}, {@link #fits(long, Long, long)}) for rows already
 * locked, with the same answers.
 */
public final class Funds {

  private Funds() {}

  /** {@code balance::numeric - held}: the balance no hold reserves. */
  public static Field<BigDecimal> unheld() {
    return ACCOUNTS.BALANCE.cast(SQLDataType.NUMERIC).minus(ACCOUNTS.HELD);
  }

  /** {@code unheld() - min_balance}: what a debit may take; negative when a bound is broken. */
  public static Field<BigDecimal> spare() {
    return unheld().minus(ACCOUNTS.MIN_BALANCE);
  }

  /** {@code spare() >= amount}: available funds cover a debit of {@code amount}. */
  public static Condition covers(Field<BigDecimal> amount) {
    return spare().ge(amount);
  }

  /** {@code coalesce(max_balance, 2^63 - 1)::numeric - balance}: what a credit may add. */
  public static Field<BigDecimal> room() {
    return coalesce(ACCOUNTS.MAX_BALANCE, inline(Long.MAX_VALUE))
        .cast(SQLDataType.NUMERIC)
        .minus(ACCOUNTS.BALANCE);
  }

  /** {@code room() >= amount}: the balance stays within its upper bound after a credit. */
  public static Condition fits(Field<BigDecimal> amount) {
    return room().ge(amount);
  }

  /** Whether a debit of {@code amount} keeps {@code balance - held} at or above {@code min}. */
  public static boolean covers(long balance, long held, long min, long amount) {
    return room(balance - held, min) >= amount; // balance - held >= -2^62: no overflow
  }

  /** Whether a credit of {@code amount} keeps the balance at or below {@code max}. */
  public static boolean fits(long balance, @Nullable Long max, long amount) {
    return room(max == null ? Long.MAX_VALUE : max, balance) >= amount;
  }

  /** {@code high - low}, or {@code Long.MAX_VALUE} when that is more than a long holds. */
  private static long room(long high, long low) {
    try {
      return Math.subtractExact(high, low);
    } catch (ArithmeticException e) {
      return high > low ? Long.MAX_VALUE : Long.MIN_VALUE;
    }
  }
}
