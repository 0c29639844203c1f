package dev.racefree.lab.strategies;

import dev.racefree.Accounts;
import dev.racefree.RetryPolicy;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Outcome;
import dev.racefree.result.ModifyResult;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.RetriesExhausted;
import dev.racefree.result.Updated;

/**
 * {@code accounts().modify}: read, compute, write if the version has not moved, retry otherwise.
 * Retries are {@code Updated.attempts() - 1}; a debit refused for lack of funds is thrown out of
 * the balance function, which runs once per attempt, so there the lab counts its calls.
 */
final class OptimisticDebit implements Operation {

  /** Thrown from inside the balance function to refuse a debit the read balance cannot cover. */
  private static final class Insufficient extends RuntimeException {
    Insufficient() {
      super(null, null, false, false);
    }
  }

  @SuppressWarnings(
      "StaticAssignmentOfThrowable") // stackless and immutable: a signal, not an error
  private static final Insufficient INSUFFICIENT = new Insufficient();

  private final Accounts accounts;
  private final long amount;
  private final RetryPolicy policy;

  OptimisticDebit(Accounts accounts, long amount, RetryPolicy policy) {
    this.accounts = accounts;
    this.amount = amount;
    this.policy = policy;
  }

  @Override
  public Outcome apply(long accountId) {
    int[] attempts = {0};
    ModifyResult result;
    try {
      result =
          accounts.modify(
              accountId,
              policy,
              balance -> {
                attempts[0]++;
                if (balance < amount) {
                  throw INSUFFICIENT;
                }
                return balance - amount;
              });
    } catch (Insufficient e) {
      return new Outcome(false, attempts[0] - 1);
    }
    return switch (result) {
      case Updated u -> new Outcome(true, u.attempts() - 1);
      case RetriesExhausted r -> new Outcome(false, r.attempts() - 1);
      case NoSuchAccount n ->
          throw new IllegalStateException("the lab's account " + n.id() + " vanished");
    };
  }
}
