package dev.racefree;

import dev.racefree.exception.BatcherClosedException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.batch.BatchCredit;
import dev.racefree.internal.batch.BatchDebit;
import dev.racefree.internal.batch.BatchHold;
import dev.racefree.internal.batch.BatchLane;
import dev.racefree.internal.batch.BatchRequest;
import dev.racefree.internal.batch.BatchSizes;
import dev.racefree.internal.batch.BatchTransfer;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.runner.Instance;
import dev.racefree.internal.runner.OperationRunner;
import dev.racefree.result.CreditResult;
import dev.racefree.result.DebitResult;
import dev.racefree.result.HoldResult;
import dev.racefree.result.TransferResult;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jooq.impl.DefaultConnectionProvider;

/**
 * Debits, credits, transfers and holds batched many to a transaction, for hot accounts: see {@link
 * Racefree#batching}. Each method mirrors {@link Accounts}' (and {@link Holds}') and returns
 * exactly what it would have returned alone, in some serial order, and only after the batch
 * committed: a {@link Posting} is written on the request's entries (a hold keeps it for its
 * capture), part of its key's fingerprint, and a unique reference that the journal or an earlier
 * request of the batch already took fails that request alone with {@link
 * dev.racefree.exception.DuplicateReferenceException}, as it would alone; a batch that fails fails
 * each of its requests with the same classified exception, and applies none of them. The {@code
 * Async} methods return at once; the others wait. Thread-safe.
 */
public final class Batching implements AutoCloseable {

  private final BatchLane[] lanes;
  private final Thread[] threads;
  private final BatchSizes sizes;
  private final RacefreeObserver observer;
  // Submitters share it; close() takes it alone, so nothing is queued behind a stop marker.
  private final ReentrantReadWriteLock gate = new ReentrantReadWriteLock();
  private boolean closed; // guarded by gate

  Batching(Instance instance, BatchOptions options) {
    OperationRunner db = instance.runner();
    if (db.configuration().connectionProvider() instanceof DefaultConnectionProvider) {
      throw new InvalidArgumentException(
          "batching needs a DSLContext over a DataSource: each batch runs in its own transaction on"
              + " its own connection, never on one connection the caller handed over");
    }
    this.sizes = new BatchSizes(options.maxBatchSize());
    this.observer = db.observer();
    this.lanes = new BatchLane[options.connections()];
    this.threads = new Thread[lanes.length];
    for (int i = 0; i < lanes.length; i++) {
      lanes[i] = new BatchLane(instance, options.maxBatchSize(), sizes);
      threads[i] = Thread.ofPlatform().daemon().name("racefree-batch-" + i).start(lanes[i]);
    }
  }

  /** As {@link Accounts#debit(long, long)}, batched. */
  public DebitResult debit(long id, long amount) {
    return BatchRequest.await(debitAsync(id, amount));
  }

  /** As {@link Accounts#debit(long, long, IdempotencyKey)}, batched. */
  public DebitResult debit(long id, long amount, IdempotencyKey key) {
    return BatchRequest.await(debitAsync(id, amount, key));
  }

  /** As {@link Accounts#debit(long, long, Posting)}, batched. */
  public DebitResult debit(long id, long amount, Posting posting) {
    return BatchRequest.await(debitAsync(id, amount, posting));
  }

  /** As {@link Accounts#debit(long, long, Posting, IdempotencyKey)}, batched. */
  public DebitResult debit(long id, long amount, Posting posting, IdempotencyKey key) {
    return BatchRequest.await(debitAsync(id, amount, posting, key));
  }

  /** As {@link #debit(long, long)}, answered by the future. */
  public CompletableFuture<DebitResult> debitAsync(long id, long amount) {
    return submit(
        new BatchDebit(Check.id(id, "id"), Check.amount(amount, "amount"), Posting.of(), null));
  }

  /** As {@link #debit(long, long, IdempotencyKey)}, answered by the future. */
  public CompletableFuture<DebitResult> debitAsync(long id, long amount, IdempotencyKey key) {
    return submit(
        new BatchDebit(
            Check.id(id, "id"),
            Check.amount(amount, "amount"),
            Posting.of(),
            Check.notNull(key, "key")));
  }

  /** As {@link #debit(long, long, Posting)}, answered by the future. */
  public CompletableFuture<DebitResult> debitAsync(long id, long amount, Posting posting) {
    return submit(
        new BatchDebit(
            Check.id(id, "id"),
            Check.amount(amount, "amount"),
            Check.notNull(posting, "posting"),
            null));
  }

  /** As {@link #debit(long, long, Posting, IdempotencyKey)}, answered by the future. */
  public CompletableFuture<DebitResult> debitAsync(
      long id, long amount, Posting posting, IdempotencyKey key) {
    return submit(
        new BatchDebit(
            Check.id(id, "id"),
            Check.amount(amount, "amount"),
            Check.notNull(posting, "posting"),
            Check.notNull(key, "key")));
  }

  /** As {@link Accounts#credit(long, long)}, batched. */
  public CreditResult credit(long id, long amount) {
    return BatchRequest.await(creditAsync(id, amount));
  }

  /** As {@link Accounts#credit(long, long, IdempotencyKey)}, batched. */
  public CreditResult credit(long id, long amount, IdempotencyKey key) {
    return BatchRequest.await(creditAsync(id, amount, key));
  }

  /** As {@link Accounts#credit(long, long, Posting)}, batched. */
  public CreditResult credit(long id, long amount, Posting posting) {
    return BatchRequest.await(creditAsync(id, amount, posting));
  }

  /** As {@link Accounts#credit(long, long, Posting, IdempotencyKey)}, batched. */
  public CreditResult credit(long id, long amount, Posting posting, IdempotencyKey key) {
    return BatchRequest.await(creditAsync(id, amount, posting, key));
  }

  /** As {@link #credit(long, long)}, answered by the future. */
  public CompletableFuture<CreditResult> creditAsync(long id, long amount) {
    return submit(
        new BatchCredit(Check.id(id, "id"), Check.amount(amount, "amount"), Posting.of(), null));
  }

  /** As {@link #credit(long, long, IdempotencyKey)}, answered by the future. */
  public CompletableFuture<CreditResult> creditAsync(long id, long amount, IdempotencyKey key) {
    return submit(
        new BatchCredit(
            Check.id(id, "id"),
            Check.amount(amount, "amount"),
            Posting.of(),
            Check.notNull(key, "key")));
  }

  /** As {@link #credit(long, long, Posting)}, answered by the future. */
  public CompletableFuture<CreditResult> creditAsync(long id, long amount, Posting posting) {
    return submit(
        new BatchCredit(
            Check.id(id, "id"),
            Check.amount(amount, "amount"),
            Check.notNull(posting, "posting"),
            null));
  }

  /** As {@link #credit(long, long, Posting, IdempotencyKey)}, answered by the future. */
  public CompletableFuture<CreditResult> creditAsync(
      long id, long amount, Posting posting, IdempotencyKey key) {
    return submit(
        new BatchCredit(
            Check.id(id, "id"),
            Check.amount(amount, "amount"),
            Check.notNull(posting, "posting"),
            Check.notNull(key, "key")));
  }

  /** As {@link Accounts#transfer(long, long, long)}, batched. */
  public TransferResult transfer(long from, long to, long amount) {
    return BatchRequest.await(transferAsync(from, to, amount));
  }

  /** As {@link Accounts#transfer(long, long, long, IdempotencyKey)}, batched. */
  public TransferResult transfer(long from, long to, long amount, IdempotencyKey key) {
    return BatchRequest.await(transferAsync(from, to, amount, key));
  }

  /** As {@link Accounts#transfer(long, long, long, Posting)}, batched. */
  public TransferResult transfer(long from, long to, long amount, Posting posting) {
    return BatchRequest.await(transferAsync(from, to, amount, posting));
  }

  /** As {@link Accounts#transfer(long, long, long, Posting, IdempotencyKey)}, batched. */
  public TransferResult transfer(
      long from, long to, long amount, Posting posting, IdempotencyKey key) {
    return BatchRequest.await(transferAsync(from, to, amount, posting, key));
  }

  /** As {@link #transfer(long, long, long)}, answered by the future. */
  public CompletableFuture<TransferResult> transferAsync(long from, long to, long amount) {
    return submit(BatchTransfer.of(from, to, amount, Posting.of(), null));
  }

  /** As {@link #transfer(long, long, long, IdempotencyKey)}, answered by the future. */
  public CompletableFuture<TransferResult> transferAsync(
      long from, long to, long amount, IdempotencyKey key) {
    return submit(BatchTransfer.of(from, to, amount, Posting.of(), Check.notNull(key, "key")));
  }

  /** As {@link #transfer(long, long, long, Posting)}, answered by the future. */
  public CompletableFuture<TransferResult> transferAsync(
      long from, long to, long amount, Posting posting) {
    return submit(BatchTransfer.of(from, to, amount, posting, null));
  }

  /** As {@link #transfer(long, long, long, Posting, IdempotencyKey)}, answered by the future. */
  public CompletableFuture<TransferResult> transferAsync(
      long from, long to, long amount, Posting posting, IdempotencyKey key) {
    return submit(BatchTransfer.of(from, to, amount, posting, Check.notNull(key, "key")));
  }

  /** As {@link Holds#hold(long, long, Instant)}, batched. */
  public HoldResult hold(long accountId, long amount, Instant expiresAt) {
    return BatchRequest.await(holdAsync(accountId, amount, expiresAt));
  }

  /** As {@link Holds#hold(long, long, Instant, IdempotencyKey)}, batched. */
  public HoldResult hold(long accountId, long amount, Instant expiresAt, IdempotencyKey key) {
    return BatchRequest.await(holdAsync(accountId, amount, expiresAt, key));
  }

  /** As {@link Holds#hold(long, long, Instant, Posting)}, batched. */
  public HoldResult hold(long accountId, long amount, Instant expiresAt, Posting posting) {
    return BatchRequest.await(holdAsync(accountId, amount, expiresAt, posting));
  }

  /** As {@link Holds#hold(long, long, Instant, Posting, IdempotencyKey)}, batched. */
  public HoldResult hold(
      long accountId, long amount, Instant expiresAt, Posting posting, IdempotencyKey key) {
    return BatchRequest.await(holdAsync(accountId, amount, expiresAt, posting, key));
  }

  /** As {@link #hold(long, long, Instant)}, answered by the future. */
  public CompletableFuture<HoldResult> holdAsync(long accountId, long amount, Instant expiresAt) {
    return submit(BatchHold.of(accountId, amount, expiresAt, Posting.of(), null));
  }

  /** As {@link #hold(long, long, Instant, IdempotencyKey)}, answered by the future. */
  public CompletableFuture<HoldResult> holdAsync(
      long accountId, long amount, Instant expiresAt, IdempotencyKey key) {
    return submit(
        BatchHold.of(accountId, amount, expiresAt, Posting.of(), Check.notNull(key, "key")));
  }

  /** As {@link #hold(long, long, Instant, Posting)}, answered by the future. */
  public CompletableFuture<HoldResult> holdAsync(
      long accountId, long amount, Instant expiresAt, Posting posting) {
    return submit(BatchHold.of(accountId, amount, expiresAt, posting, null));
  }

  /** As {@link #hold(long, long, Instant, Posting, IdempotencyKey)}, answered by the future. */
  public CompletableFuture<HoldResult> holdAsync(
      long accountId, long amount, Instant expiresAt, Posting posting, IdempotencyKey key) {
    return submit(BatchHold.of(accountId, amount, expiresAt, posting, Check.notNull(key, "key")));
  }

  /** Batches committed so far and their sizes. */
  public BatchStats stats() {
    return sizes.stats();
  }

  /**
   * Takes no more requests ({@link BatcherClosedException}), carries out and answers every request
   * already queued, and waits for the batching threads to end.
   */
  @Override
  public void close() {
    gate.writeLock().lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      for (BatchLane lane : lanes) {
        lane.stop();
      }
    } finally {
      gate.writeLock().unlock();
    }
    boolean interrupted = false;
    for (Thread t : threads) {
      while (t.isAlive()) { // every queued request is answered first, interrupted or not
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private <R> CompletableFuture<R> submit(BatchRequest<R> request) {
    BatchLane lane =
        lanes[Math.floorMod(Long.hashCode(request.accounts().get(0)) * 0x9E3779B9, lanes.length)];
    gate.readLock().lock();
    try {
      if (closed) {
        throw new BatcherClosedException();
      }
      request.observe(observer);
      lane.add(request);
    } finally {
      gate.readLock().unlock();
    }
    return request.future;
  }
}
