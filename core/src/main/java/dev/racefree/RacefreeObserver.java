package dev.racefree;

import java.time.Duration;

/**
 * Watches racefree's operations, for metrics and tracing: set one with {@link
 * Racefree#withObserver}. Each public operation reports exactly one {@link #start} and one {@link
 * Observation#end}: every method of {@link Racefree#accounts()}, {@link Racefree#transfers()},
 * {@link Racefree#holds()}, {@link Racefree#tokens()}, {@link Racefree#limits()}, {@link
 * Racefree#lifecycle()}, {@link Racefree#ledger()}, {@link Racefree#responses()}, {@link
 * Racefree#inTransaction} (whose inner operations report their own pairs), {@link Racefree#verify},
 * {@link Racefree#purgeExpiredKeys}, and each request given to {@link Batching}. A call refused for
 * its arguments before any SQL reports nothing.
 *
 * <p>Operations are named {@code entry.method}, stable across releases: {@code accounts.debit},
 * {@code accounts.withLock}, {@code transfers.transfer}, {@code holds.capture}, {@code
 * tokens.redeem}, {@code ledger.reverse}, {@code responses.claim}, {@code racefree.inTransaction},
 * {@code batching.debit}, and so on. A batch as a whole is {@code batching.batch}.
 *
 * <p>Callbacks run on the thread doing the work (for batched requests, the batching thread ends
 * them) and must be quick and thread-safe. A {@link RuntimeException} thrown by a callback is
 * caught and ignored: an observer never changes an operation's outcome, nor leaves a transaction
 * half done. {@link #NONE} costs nothing: no callback and no allocation.
 */
public interface RacefreeObserver {

  /** Observes nothing; the default. */
  RacefreeObserver NONE = operation -> (outcome, replayed, retries) -> {};

  /**
   * Called before the operation's first statement (before it takes a connection; for a batched
   * request, when it is queued).
   *
   * @param operation its stable name, such as {@code accounts.debit}
   * @return what is told how the operation ended, exactly once
   */
  Observation start(String operation);

  /**
   * Called after each batch of {@link Batching} committed ({@code operation} is {@code
   * batching.batch}), with how many requests it held: a request alone is a batch of 1.
   */
  default void batchRan(String operation, int size) {}

  /**
   * Called after racefree took row locks explicitly ({@code SELECT ... FOR UPDATE} of {@link
   * Accounts#withLock}, {@code FOR NO KEY UPDATE} of transfers, multi-leg transfers, captures of
   * held transfers, reversals and batches), with how long the locking statement took, its round
   * trip included; also when it gave up waiting.
   */
  default void lockWaited(String operation, Duration waited) {}

  /** One operation under way. */
  @FunctionalInterface
  interface Observation {

    /**
     * Called once when the operation ended, before its caller sees the outcome.
     *
     * @param outcome the simple class name of the sealed result it returned (such as {@code
     *     Debited}, {@code InsufficientFunds}, or {@code NotAcquired} for a lock not had); of the
     *     exception it threw, the caller's own included (such as {@code
     *     SerializationFailureException}, or an {@code IllegalStateException} from {@code withLock}
     *     work); otherwise {@code Ok} (an account id, a balance, a page of entries, {@code
     *     inTransaction}'s value)
     * @param replayed whether the answer came from a stored idempotency key (or stored response)
     *     instead of running the operation
     * @param retries how many times its transaction ran again beyond the first attempt, after
     *     serialization failures, deadlocks or lost optimistic races (0 when none)
     */
    void end(String outcome, boolean replayed, int retries);
  }
}
