package dev.racefree.internal.batch;

import dev.racefree.BatchStats;
import java.util.concurrent.atomic.AtomicLongArray;

/** Counts committed batches by size, for {@link BatchStats}; sizes are bounded, so exact. */
public final class BatchSizes {

  private final AtomicLongArray counts;

  public BatchSizes(int maxBatchSize) {
    this.counts = new AtomicLongArray(maxBatchSize + 1);
  }

  public void record(int size) {
    counts.incrementAndGet(size);
  }

  public BatchStats stats() {
    long[] snapshot = new long[counts.length()];
    long batches = 0;
    long requests = 0;
    int max = 0;
    for (int size = 1; size < snapshot.length; size++) {
      snapshot[size] = counts.get(size);
      batches += snapshot[size];
      requests += snapshot[size] * size;
      max = snapshot[size] > 0 ? size : max;
    }
    return new BatchStats(
        batches,
        requests,
        percentile(snapshot, batches, 50),
        percentile(snapshot, batches, 99),
        max);
  }

  /** The smallest size at or below which {@code pct} percent of the batches fall. */
  private static int percentile(long[] counts, long batches, int pct) {
    long wanted = (batches * pct + 99) / 100;
    long seen = 0;
    for (int size = 1; size < counts.length; size++) {
      seen += counts[size];
      if (seen >= wanted && wanted > 0) {
        return size;
      }
    }
    return 0;
  }
}
