package dev.racefree.lab.strategies;

import dev.racefree.BatchOptions;
import dev.racefree.BatchStats;
import dev.racefree.Batching;
import dev.racefree.Racefree;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Outcome;
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
    return Operations.outcome(batching.debit(accountId, amount));
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
