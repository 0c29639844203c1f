package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.result.LegsResult;
import java.util.List;

/**
 * Multi-leg transfers, TigerBeetle's linked transfers inside your PostgreSQL transaction: many legs
 * among many accounts, all applied or none. Every account is locked in ascending id order first, so
 * concurrent multi-leg transfers never deadlock, A to B to C to A included. A single two-account
 * transfer is {@link Accounts#transfer}.
 */
public final class Transfers {

  /** The most legs one transfer takes. */
  public static final int MAX_LEGS = 1_000;

  private final Db db;

  Transfers(Db db) {
    this.db = db;
  }

  /**
   * Applies every leg, in order, each checked against the balances the legs before it left, or
   * none: {@code LegRefused} names the first leg that could not be applied and why.
   *
   * @param legs 1 to {@link #MAX_LEGS} legs, all in one currency
   */
  public LegsResult transfer(List<Leg> legs) {
    Check.notNull(legs, "legs");
    if (legs.isEmpty() || legs.size() > MAX_LEGS) {
      throw new InvalidArgumentException(
          "legs must hold 1 to " + MAX_LEGS + " legs, held " + legs.size());
    }
    List<Leg> copy = List.copyOf(Check.noNulls(legs, "legs"));
    return db.atomically(tx -> MultiLeg.run(tx, copy));
  }
}
