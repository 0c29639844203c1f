package dev.racefree.lab.strategies;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a client takes money from an account, or units from a quota. Only {@link #NAIVE} and {@link
 * #NAIVE_QUOTA} are allowed to lose updates.
 */
public enum Strategy {
  /** Read the balance, compute, write it back unconditionally: the bug the lab exists to show. */
  NAIVE(false, false),
  /** {@code accounts().debit}: one statement, a conditional UPDATE journaled in the same CTE. */
  ATOMIC(true, false),
  /** {@code accounts().withLock(..., waitIndefinitely(), locked -> locked.debit(amount))}. */
  PESSIMISTIC(true, false),
  /** {@code accounts().modify} with a {@code RetryPolicy}: version-checked writes, retried. */
  OPTIMISTIC(true, false),
  /**
   * {@code holds()}: two holds of twice the amount, one captured for the amount and one released,
   * so available funds count every open hold while others debit.
   */
  HOLDS(true, false),
  /**
   * {@code rf.batching(...).debit}: requests queue while a batch is in the database and share its
   * one transaction and commit.
   */
  BATCHED(true, false),
  /**
   * {@code quotas().consume(scope, key, 1, cap, Period.total())}: one {@code INSERT ... ON CONFLICT
   * DO UPDATE ... WHERE} the usage plus the unit fits the cap.
   */
  QUOTA(true, true),
  /**
   * Read a quota's usage with a SELECT, check it against the cap in Java, write the usage plus one
   * back: the same bug as {@link #NAIVE}'s, which lets more through than the cap.
   */
  NAIVE_QUOTA(false, true);

  private final boolean racefree;
  private final boolean quota;

  Strategy(boolean racefree, boolean quota) {
    this.racefree = racefree;
    this.quota = quota;
  }

  /** Whether racefree guarantees this strategy never loses an update, overdraws or overruns. */
  public boolean racefree() {
    return racefree;
  }

  /** Whether this strategy consumes units of a quota rather than debiting an account. */
  public boolean quota() {
    return quota;
  }

  /** The name in the CLI, the tables and the JSON: {@code atomic}, {@code naive-quota}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The strategy labelled {@code label} (any case; {@code _} for {@code -} too), for the CLI. */
  public static Strategy of(String label) {
    String name = label.strip().toUpperCase(Locale.ROOT).replace('-', '_');
    for (Strategy s : values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "no strategy " + label + "; there are " + Arrays.toString(values()));
  }

  /** Whether the strategy labelled {@code label} is one racefree makes guarantees for. */
  public static boolean racefree(String label) {
    for (Strategy s : values()) {
      if (s.label().equals(label)) {
        return s.racefree;
      }
    }
    return true; // a bench comparison's own label (deposit, ...): racefree's
  }

  /** The label: what the CLI's help lists and messages print. */
  @Override
  public String toString() {
    return label();
  }
}
