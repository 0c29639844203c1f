package dev.racefree;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One request waiting in a batch: what it touches, how it is checked and applied against the
 * batch's locked rows, and the future its caller waits on, completed only after the batch's commit.
 * {@link #apply} runs again from scratch when the whole batch is retried.
 *
 * @param <R> the result the single-request operation returns
 */
abstract class BatchRequest<R> {

  final CompletableFuture<R> future = new CompletableFuture<>();
  private final @Nullable IdempotencyKey key;

  BatchRequest(@Nullable IdempotencyKey key) {
    this.key = key;
  }

  @Nullable IdempotencyKey key() {
    return key;
  }

  /** The accounts it reads or changes; the first picks its connection. */
  abstract List<Long> accounts();

  /** What "the same request" means under its key. */
  abstract byte[] fingerprint();

  /**
   * Checks the request against the rows as the requests before it left them and, when it passes,
   * moves the balances and books its ledger entries, exactly as the single operation would.
   */
  abstract R apply(LockedRows rows, BatchBook book, @Nullable Long keyId);

  /** The request on its own, as the single operation: for a batch of one. */
  abstract R alone(Movements movements, Holds holds);

  /** Its stored outcome, when its key was used before. */
  abstract R replay(StoredOutcome stored);

  /** Runs it as the single operation, and returns how to answer it. */
  final Runnable settleAlone(Movements movements, Holds holds) {
    try {
      return settle(alone(movements, holds));
    } catch (RuntimeException | Error failure) {
      return fail(failure);
    }
  }

  /**
   * The result as its caller sees it, once the batch is written: what {@link #apply} returned,
   * except where that needed an id the database gives on writing (a hold's).
   */
  R resolve(R applied) {
    return applied;
  }

  /** Sets the outcome (after the commit). */
  final Runnable settle(R result) {
    return () -> future.complete(resolve(result));
  }

  /** Sets the outcome {@code later} gives, after the batch was written and committed. */
  final Runnable settleLater(Supplier<R> later) {
    return () -> {
      try {
        future.complete(resolve(later.get()));
      } catch (RuntimeException e) {
        future.completeExceptionally(e);
      }
    };
  }

  /** Sets the failure (after the batch ended). */
  final Runnable fail(Throwable failure) {
    return () -> future.completeExceptionally(failure);
  }
}
