package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import java.time.Instant;

/**
 * How often, by whom and when a code may be redeemed: at most {@code maxUses} times in total, at
 * most {@code maxPerRedeemer} times by one redeemer, from {@code validFrom} (inclusive) until
 * {@code validUntil} (exclusive), by the database's clock. Reversed redemptions do not count.
 *
 * <pre>{@code
 * CodeRules rules = CodeRules.uses(1_000).perRedeemer(1).validBetween(start, end);
 * }</pre>
 *
 * <p>Every argument is checked here, before any SQL: caps from 1 to {@link #MAX_USES}, the cap per
 * redeemer at most {@code maxUses}, instants in years 1 to 9999, and {@code validFrom} before
 * {@code validUntil}. Instants are kept to the microsecond, as PostgreSQL stores them.
 */
public record CodeRules(long maxUses, long maxPerRedeemer, Instant validFrom, Instant validUntil) {

  /** The most uses a code may have: 2^62 - 1. */
  public static final long MAX_USES = Long.MAX_VALUE / 2;

  /** Checks every argument; see the class documentation. */
  public CodeRules {
    if (maxUses < 1 || maxUses > MAX_USES) {
      throw new InvalidArgumentException(
          "maxUses must be between 1 and " + MAX_USES + ", was " + maxUses);
    }
    if (maxPerRedeemer < 1 || maxPerRedeemer > maxUses) {
      throw new InvalidArgumentException(
          "maxPerRedeemer must be between 1 and maxUses (" + maxUses + "), was " + maxPerRedeemer);
    }
    Check.instant(validFrom, "validFrom");
    Check.instant(validUntil, "validUntil");
    if (!validFrom.isBefore(validUntil)) {
      throw new InvalidArgumentException(
          "validFrom must be before validUntil, was " + validFrom + " and " + validUntil);
    }
  }

  /**
   * At most {@code maxUses} redemptions in total, once per redeemer, valid from year 1 to 9999
   * until {@link #perRedeemer}, {@link #validBetween} or {@link #validUntil} say otherwise.
   */
  public static CodeRules uses(long maxUses) {
    return new CodeRules(maxUses, 1, Check.MIN_INSTANT, Check.MAX_INSTANT);
  }

  /** These rules, with at most {@code maxPerRedeemer} redemptions by one redeemer. */
  public CodeRules perRedeemer(long maxPerRedeemer) {
    return new CodeRules(maxUses, maxPerRedeemer, validFrom, validUntil);
  }

  /** These rules, valid from {@code from} (inclusive) until {@code until} (exclusive). */
  public CodeRules validBetween(Instant from, Instant until) {
    return new CodeRules(maxUses, maxPerRedeemer, from, until);
  }

  /** These rules, valid from their {@code validFrom} until {@code until} (exclusive). */
  public CodeRules validUntil(Instant until) {
    return new CodeRules(maxUses, maxPerRedeemer, validFrom, until);
  }
}
