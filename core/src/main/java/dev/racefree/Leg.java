package dev.racefree;

import dev.racefree.internal.check.Check;

/**
 * One leg of a multi-leg transfer: {@code amount} from {@code from} to {@code to}.
 *
 * @param amount minor units, positive
 */
public record Leg(long from, long to, long amount) {

  /** Checks every component before any SQL. */
  public Leg {
    Check.id(from, "from");
    Check.id(to, "to");
    Check.amount(amount, "amount");
  }
}
