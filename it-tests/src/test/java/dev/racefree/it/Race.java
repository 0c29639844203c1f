package dev.racefree.it;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code threads} copies of a task released together by a barrier, so they hit the same rows
 * at the same moment, and returns what each returned. Any exception fails the race.
 */
final class Race {

  /** A task that may also wait on the race's barrier again, to force a gap open. */
  interface Task<T> {
    T run(int thread, CyclicBarrier barrier) throws Exception;
  }

  private Race() {}

  static <T> List<T> run(int threads, Task<T> task) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        int thread = i;
        futures.add(
            pool.submit(() -> {
              barrier.await(30, TimeUnit.SECONDS);
              return task.run(thread, barrier);
            }));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> f : futures) {
        results.add(f.get(120, TimeUnit.SECONDS));
      }
      return results;
    } finally {
      stop(pool);
    }
  }

  /** Interrupts the race's threads and waits for them, so none outlives its test. */
  private static void stop(ExecutorService pool) throws InterruptedException {
    pool.shutdownNow();
    if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
      throw new AssertionError("race threads did not stop within 30 s");
    }
  }

  /** Waits on the barrier again; used between a read and a write to force every reader first. */
  static void together(CyclicBarrier barrier)
      throws InterruptedException, BrokenBarrierException, TimeoutException {
    barrier.await(30, TimeUnit.SECONDS);
  }
}
