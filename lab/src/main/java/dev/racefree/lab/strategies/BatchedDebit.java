package dev.racefree.lab.strategies;

import dev.racefree.BatchOptions;
import dev.racefree.BatchStats;
import dev.racefree.Batching;
import dev.racefree.Racefree;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Outcome;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.AccountFrozen;
import dev.racefree.result.Debited;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.NoSuchAccount;
import java.util.Optional;

/**
 * {@code rf.batching(BatchOptions.defaults()).debit}: each client waits for its request's batch to
 * commit. Holds the batching's {@link #CONNECTIONS} connections until closed.
 */
public final class BatchedDebit implements Operation {

  /** Connections a batching holds at most: the lab sizes its pool to it. */
  public static final int CONNECTIONS = BatchOptions.defaults().connections();

  private final Batching batching;
  private final long amount;

  BatchedDebit(Racefree racefree, long amount) {
    this.batching = racefree.batching(BatchOptions.defaults());
    this.amount = amount;
  }

  @Override
  public Outcome apply(long accountId) {
    return switch (batching.debit(accountId, amount)) {
      case Debited d -> Outcome.SUCCEEDED;
      case InsufficientFunds f -> Outcome.REJECTED;
      case NoSuchAccount n ->
          throw new IllegalStateException("the lab's account " + n.id() + " vanished");
      case AccountFrozen f ->
          throw new IllegalStateException("the lab's account " + f.accountId() + " is frozen");
      case AccountClosed c ->
          throw new IllegalStateException("the lab's account " + c.accountId() + " is closed");
    };
  }

  @Override
  public Optional<BatchStats> batchStats() {
    return Optional.of(batching.stats());
  }

  @Override
  public void close() {
    batching.close();
  }
}
