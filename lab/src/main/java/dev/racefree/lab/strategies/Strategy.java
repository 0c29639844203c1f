package dev.racefree.lab.strategies;

import java.util.Arrays;
import java.util.Locale;

/**
 * How a client takes money from an account, units from a quota, or a use of a code, or spends under
 * a daily limit. Only {@link #NAIVE}, {@link #NAIVE_QUOTA}, {@link #NAIVE_CODE} and {@link
 * #NAIVE_VELOCITY} are allowed to lose updates or overrun a cap.
 */
public enum Strategy {
  /** Read the balance, compute, write it back unconditionally: the bug the lab exists to show. */
  NAIVE(false, Target.ACCOUNT),
  /** {@code accounts().debit}: one statement, a conditional UPDATE journaled in the same CTE. */
  ATOMIC(true, Target.ACCOUNT),
  /** {@code accounts().withLock(..., waitIndefinitely(), locked -> locked.debit(amount))}. */
  PESSIMISTIC(true, Target.ACCOUNT),
  /** {@code accounts().modify} with a {@code RetryPolicy}: version-checked writes, retried. */
  OPTIMISTIC(true, Target.ACCOUNT),
  /**
   * {@code holds()}: two holds of twice the amount, one captured for the amount and one released,
   * so available funds count every open hold while others debit.
   */
  HOLDS(true, Target.ACCOUNT),
  /**
   * {@code rf.batching(...).debit}: requests queue while a batch is in the database and share its
   * one transaction and commit.
   */
  BATCHED(true, Target.ACCOUNT),
  /**
   * {@code quotas().consume(scope, key, 1, cap, Period.total())}: one {@code INSERT ... ON CONFLICT
   * DO UPDATE ... WHERE} the usage plus the unit fits the cap.
   */
  QUOTA(true, Target.QUOTA),
  /**
   * Read a quota's usage with a SELECT, check it against the cap in Java, write the usage plus one
   * back: the same bug as {@link #NAIVE}'s, which lets more through than the cap.
   */
  NAIVE_QUOTA(false, Target.QUOTA),
  /**
   * {@code codes().redeem(code, redeemer)}: the code's row locked, then one statement that counts
   * the use and writes the redemption only if both the code's cap and the redeemer's allow it.
   */
  CODE(true, Target.CODE),
  /**
   * Read a code's uses and the redeemer's redemptions with a SELECT, check both caps in Java, then
   * write the uses read plus one and insert a redemption: the same bug, which lets more through
   * than either cap.
   */
  NAIVE_CODE(false, Target.CODE),
  /**
   * {@code accounts().debit} on accounts with a daily velocity limit on the amount: the statement
   * that checks the funds checks and counts the limit too.
   */
  VELOCITY(true, Target.VELOCITY),
  /**
   * Sum the day's debits from the ledger, check the daily limit in Java, then debit, in one
   * transaction: the same bug, which lets the day's debits take more than the limit.
   */
  NAIVE_VELOCITY(false, Target.VELOCITY);

  /** What a strategy's requests take from. */
  private enum Target {
    ACCOUNT,
    QUOTA,
    CODE,
    VELOCITY
  }

  private final boolean racefree;
  private final Target target;

  Strategy(boolean racefree, Target target) {
    this.racefree = racefree;
    this.target = target;
  }

  /**
   * Whether racefree guarantees this strategy never loses an update, overdraws or overruns a cap.
   */
  public boolean racefree() {
    return racefree;
  }

  /** Whether this strategy consumes units of a quota rather than debiting an account. */
  public boolean quota() {
    return target == Target.QUOTA;
  }

  /** Whether this strategy redeems multi-use codes rather than debiting an account. */
  public boolean code() {
    return target == Target.CODE;
  }

  /** Whether this strategy debits accounts under a daily spending limit. */
  public boolean velocity() {
    return target == Target.VELOCITY;
  }

  /** Whether this strategy debits an account, with no limit but its funds. */
  public boolean debit() {
    return target == Target.ACCOUNT;
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
