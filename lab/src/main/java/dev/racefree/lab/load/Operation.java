package dev.racefree.lab.load;

import dev.racefree.BatchStats;
import java.util.Optional;

/**
 * One client request against one account, as a strategy carries it out. Implementations are used by
 * one client thread at a time. Expected refusals are {@link Outcome}s; anything thrown is counted
 * as a failure (deadlock or error) by the {@link LoadRunner}.
 */
@FunctionalInterface
public interface Operation extends AutoCloseable {

  Outcome apply(long accountId) throws Exception;

  /** How the operation batched, if it batches. */
  default Optional<BatchStats> batchStats() {
    return Optional.empty();
  }

  /** Ends what the operation holds (a batching's threads); nothing for most. */
  @Override
  default void close() {}
}
