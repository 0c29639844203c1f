package dev.racefree;

import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.keys.Idempotency;
import dev.racefree.internal.keys.KeyedOperation;
import dev.racefree.internal.money.MultiLeg;
import dev.racefree.internal.runner.Instance;
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

  private final Instance instance;

  Transfers(Instance instance) {
    this.instance = instance;
  }

  /**
   * Applies every leg, in order, each checked against the balances the legs before it left, or
   * none: {@code LegRefused} names the first leg that could not be applied and why.
   *
   * @param legs 1 to {@link #MAX_LEGS} legs, all in one currency
   */
  public LegsResult transfer(List<Leg> legs) {
    return transfer(legs, Posting.of());
  }

  /** {@link #transfer(List)}, every side described by {@code posting}. */
  public LegsResult transfer(List<Leg> legs, Posting posting) {
    List<Leg> copy = checked(legs);
    Check.notNull(posting, "posting");
    return instance
        .runner()
        .atomically("transfers.transfer", tx -> MultiLeg.run(tx, copy, posting, null));
  }

  /**
   * {@link #transfer(List)} at most once per {@code key}: a repeat of the same legs returns the
   * first outcome ({@code LegsTransferred} with the same correlation id and the balances its legs
   * left, or a {@code LegRefused} for insufficient funds) and changes nothing; the same key with
   * other legs throws {@link IdempotencyConflictException}. Other refusals keep nothing.
   */
  public LegsResult transfer(List<Leg> legs, IdempotencyKey key) {
    return transfer(legs, Posting.of(), key);
  }

  /** {@link #transfer(List, IdempotencyKey)}, every side described by {@code posting}. */
  public LegsResult transfer(List<Leg> legs, Posting posting, IdempotencyKey key) {
    List<Leg> copy = checked(legs);
    Check.notNull(posting, "posting");
    Check.notNull(key, "key");
    long[] fingerprinted = new long[copy.size() * 3];
    for (int i = 0; i < copy.size(); i++) {
      fingerprinted[3 * i] = copy.get(i).from();
      fingerprinted[3 * i + 1] = copy.get(i).to();
      fingerprinted[3 * i + 2] = copy.get(i).amount();
    }
    return Idempotency.run(
        instance,
        "transfers.transfer",
        key,
        KeyedOperation.LEGS.fingerprint(posting, fingerprinted),
        (tx, stored) -> stored.asLegs(id -> MultiLeg.balancesAfter(tx, id)),
        (tx, keyId) -> MultiLeg.run(tx, copy, posting, keyId));
  }

  private static List<Leg> checked(List<Leg> legs) {
    Check.notNull(legs, "legs");
    if (legs.isEmpty() || legs.size() > MAX_LEGS) {
      throw new InvalidArgumentException(
          "legs must hold 1 to " + MAX_LEGS + " legs, held " + legs.size());
    }
    return List.copyOf(Check.noNulls(legs, "legs"));
  }
}
