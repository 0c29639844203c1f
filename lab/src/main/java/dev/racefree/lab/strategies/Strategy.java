package dev.racefree.lab.strategies;

import java.util.Locale;

/** How a client takes money from an account. Only {@link #NAIVE} is allowed to lose updates. */
public enum Strategy {
  /** Read the balance, compute, write it back unconditionally: the bug the lab exists to show. */
  NAIVE(false),
  /** {@code accounts().debit}: one statement, a conditional UPDATE journaled in the same CTE. */
  ATOMIC(true),
  /** {@code accounts().withLock(..., waitIndefinitely(), locked -> locked.debit(amount))}. */
  PESSIMISTIC(true),
  /** {@code accounts().modify} with a {@code RetryPolicy}: version-checked writes, retried. */
  OPTIMISTIC(true),
  /**
   * {@code holds()}: two holds of twice the amount, one captured for the amount and one released,
   * so available funds count every open hold while others debit.
   */
  HOLDS(true),
  /**
   * {@code rf.batching(...).debit}: requests queue while a batch is in the database and share its
   * one transaction and commit.
   */
  BATCHED(true);

  private final boolean racefree;

  Strategy(boolean racefree) {
    this.racefree = racefree;
  }

  /** Whether racefree guarantees this strategy never loses an update or overdraws. */
  public boolean racefree() {
    return racefree;
  }

  /** The name in the CLI, the tables and the JSON. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
