package dev.racefree.internal.batch;

import dev.racefree.IdempotencyKey;
import dev.racefree.Posting;
import dev.racefree.RacefreeObserver;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.holds.HoldOperations;
import dev.racefree.internal.keys.StoredOutcome;
import dev.racefree.internal.money.LockedRows;
import dev.racefree.internal.money.Movements;
import dev.racefree.internal.runner.Observing;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One request waiting in a batch: what it touches, how it is checked and applied against the
 * batch's locked rows, and the future its caller waits on, completed only after the batch's commit.
 * {@link #apply} runs again from scratch when the whole batch is retried.
 *
 * @param <R> the result the single-request operation returns
 */
public abstract class BatchRequest<R> {

  public final CompletableFuture<R> future = new CompletableFuture<>();
  private final String operation;
  private final Posting posting;
  private final @Nullable IdempotencyKey key;
  private @Nullable Observing observing; // set before it is queued: the queue publishes it

  /**
   * {@code operation} is its name for a {@link RacefreeObserver}, such as batching.debit; {@code
   * posting} describes what it writes.
   */
  public BatchRequest(String operation, Posting posting, @Nullable IdempotencyKey key) {
    this.operation = operation;
    this.posting = posting;
    this.key = key;
  }

  /** Starts its observation, before it is queued. */
  public final void observe(RacefreeObserver observer) {
    observing = Observing.start(observer, operation);
  }

  /** Its observation, or {@code null} when nobody watches. */
  public final @Nullable Observing observing() {
    return observing;
  }

  /** Whether its answer is a stored outcome, as decided by the batch's current attempt. */
  public final void replayed(boolean fromStore) {
    if (observing != null) {
      observing.replayed(fromStore);
    }
  }

  /** How often the batch that answers it ran again. */
  public final void retries(int retries) {
    if (observing != null) {
      observing.retries(retries);
    }
  }

  public @Nullable IdempotencyKey key() {
    return key;
  }

  /** The caller's description of what it writes. */
  public final Posting posting() {
    return posting;
  }

  /** The accounts it reads or changes; the first picks its connection. */
  public abstract List<Long> accounts();

  /**
   * The accounts on which its posting's unique reference must be free: all it writes entries on.
   */
  public List<Long> referencing() {
    return accounts();
  }

  /** What "the same request" means under its key. */
  public abstract byte[] fingerprint();

  /**
   * Checks the request against the rows as the requests before it left them and, when it passes,
   * moves the balances and books its ledger entries, exactly as the single operation would. A
   * {@link dev.racefree.exception.RacefreeException} it throws is its own answer, thrown before it
   * changed anything.
   */
  public abstract R apply(LockedRows rows, BatchBook book, @Nullable Long keyId);

  /** The request on its own, as the single operation: for a batch of one. */
  public abstract R alone(Movements movements, HoldOperations holds);

  /** Its stored outcome, when its key was used before. */
  public abstract R replay(StoredOutcome stored);

  /** Runs it as the single operation, and returns how to answer it. */
  public final Runnable settleAlone(Movements movements, HoldOperations holds) {
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
  public R resolve(R applied) {
    return applied;
  }

  /** Sets the outcome (after the commit). */
  public final Runnable settle(R result) {
    return () -> complete(resolve(result));
  }

  /** Sets the outcome {@code later} gives, after the batch was written and committed. */
  public final Runnable settleLater(Supplier<R> later) {
    return () -> {
      R result;
      try {
        result = resolve(later.get());
      } catch (RuntimeException e) {
        failNow(e);
        return;
      }
      complete(result);
    };
  }

  /** Sets the failure (after the batch ended). */
  public final Runnable fail(Throwable failure) {
    return () -> failNow(failure);
  }

  /** Ends the observation first, so the caller never sees an outcome not yet reported. */
  private void complete(R result) {
    if (observing != null) {
      observing.ended(result);
    }
    future.complete(result);
  }

  private void failNow(Throwable failure) {
    if (observing != null) {
      observing.failed(failure);
    }
    future.completeExceptionally(failure);
  }

  /** Waits for {@code future}, and throws its failure as it was raised. */
  public static <R> R await(CompletableFuture<R> future) {
    try {
      return future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new InternalErrorException("a batched request failed", e);
    }
  }
}
