package dev.racefree;

import org.jspecify.annotations.Nullable;

/**
 * The limit arithmetic racefree's statements do in SQL, for rows already locked: a debit of {@code
 * amount} passes when {@code balance - held - amount >= minBalance}, a credit when {@code balance +
 * amount <= maxBalance} (or {@code Long.MAX_VALUE} when no maximum is set), without overflow.
 */
final class Funds {

  private Funds() {}

  /** Whether a debit of {@code amount} keeps {@code balance - held} at or above {@code min}. */
  static boolean covers(long balance, long held, long min, long amount) {
    return room(balance - held, min) >= amount; // balance - held >= -2^62: no overflow
  }

  /** Whether a credit of {@code amount} keeps the balance at or below {@code max}. */
  static boolean fits(long balance, @Nullable Long max, long amount) {
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
