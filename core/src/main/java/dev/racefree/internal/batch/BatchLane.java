package dev.racefree.internal.batch;

import dev.racefree.Posting;
import dev.racefree.RacefreeObserver;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.holds.HoldOperations;
import dev.racefree.internal.keys.StoredOutcome;
import dev.racefree.internal.money.LockedRows;
import dev.racefree.internal.money.Movements;
import dev.racefree.internal.runner.Instance;
import dev.racefree.internal.runner.Observing;
import dev.racefree.internal.runner.Retrying;
import dev.racefree.internal.runner.Transactions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.jspecify.annotations.Nullable;

/**
 * One connection's worth of batching: a thread that takes everything queued (up to the maximum),
 * runs it as one batch in one transaction, answers it after the commit, and takes the next. No
 * timer: a request that finds the lane idle runs at once, alone; requests that arrive while a batch
 * is in the database wait for it and go together in the next.
 */
public final class BatchLane implements Runnable {

  /** Queued by {@link #stop}: everything before it is answered, then the thread ends. */
  private static final BatchRequest<Void> STOP = new Stop();

  private static final class Stop extends BatchRequest<Void> {
    Stop() {
      super("batching.stop", Posting.of(), null);
    }

    @Override
    public List<Long> accounts() {
      return List.of();
    }

    @Override
    public byte[] fingerprint() {
      return new byte[0];
    }

    @Override
    public Void apply(LockedRows rows, BatchBook book, @Nullable Long keyId) {
      throw new InternalErrorException("a batch ran its stop marker");
    }

    @Override
    public Void alone(Movements movements, HoldOperations holds) {
      throw new InternalErrorException("a batch ran its stop marker alone");
    }

    @Override
    public Void replay(StoredOutcome stored) {
      throw new InternalErrorException("a batch replayed its stop marker");
    }
  }

  private final LinkedBlockingQueue<BatchRequest<?>> queue = new LinkedBlockingQueue<>();
  // reports nothing itself: each request reports to its own observation
  private final Instance instance;
  private final RacefreeObserver observer;
  private final Movements movements;
  private final HoldOperations holds;
  private final int maxBatchSize;
  private final BatchSizes sizes;

  public BatchLane(Instance instance, int maxBatchSize, BatchSizes sizes) {
    this.instance = instance.on(instance.runner().joining(null));
    this.observer = instance.runner().observer();
    this.movements = new Movements(this.instance);
    this.holds = new HoldOperations(this.instance);
    this.maxBatchSize = maxBatchSize;
    this.sizes = sizes;
  }

  public void add(BatchRequest<?> request) {
    queue.add(request);
  }

  public void stop() {
    queue.add(STOP);
  }

  @Override
  public void run() {
    List<BatchRequest<?>> batch = new ArrayList<>();
    boolean stopping = false;
    while (!stopping) {
      batch.clear();
      try {
        batch.add(queue.take());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failAll(new InternalErrorException("a batching thread was interrupted", e));
        return;
      }
      queue.drainTo(batch, maxBatchSize - 1);
      stopping = batch.remove(STOP);
      if (!batch.isEmpty()) {
        execute(List.copyOf(batch));
      }
    }
  }

  private void execute(List<BatchRequest<?>> batch) {
    if (batch.size() == 1) { // alone: the single operation is the same answer in fewer round trips
      ran(1);
      alone(batch.getFirst()).run();
      return;
    }
    Observing watched = Observing.batch(observer); // its lock waits and retries
    List<Runnable> answers;
    try {
      answers =
          instance
              .runner()
              .joining(watched)
              .ownTransaction(
                  "batching.batch",
                  Retrying.OWN_OPERATIONS,
                  Transactions.Isolation.READ_COMMITTED, // as a single operation retries
                  tx -> BatchRun.run(tx, batch, instance.keyRetention()))
              .value();
    } catch (RuntimeException | Error failure) { // classified: the same for every request
      batch.forEach(r -> {
        r.retries(watched == null ? 0 : watched.retries());
        r.fail(failure).run();
      });
      return;
    }
    ran(batch.size());
    batch.forEach(r -> r.retries(watched == null ? 0 : watched.retries()));
    answers.forEach(Runnable::run);
  }

  /** Counts a committed batch, and reports it before any of its requests is answered. */
  private void ran(int size) {
    sizes.record(size);
    Observing.batchRan(observer, size);
  }

  /** The request alone, as the single operation, reporting to its own observation. */
  private Runnable alone(BatchRequest<?> r) {
    Observing watched = r.observing();
    if (watched == null) {
      return r.settleAlone(movements, holds);
    }
    Instance joined = instance.on(instance.runner().joining(watched));
    return r.settleAlone(new Movements(joined), new HoldOperations(joined));
  }

  private void failAll(RuntimeException failure) {
    List<BatchRequest<?>> left = new ArrayList<>();
    queue.drainTo(left);
    left.forEach(r -> r.fail(failure).run());
  }
}
