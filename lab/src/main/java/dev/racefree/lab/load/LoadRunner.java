package dev.racefree.lab.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Runs {@code clients} platform threads that all start together and each send requests one after
 * another, as many independent callers would. The lab's own cost per request is a random pick, two
 * clock reads and an unsynchronised histogram record.
 */
public final class LoadRunner {

  private LoadRunner() {}

  /**
   * Runs {@code clients} threads, each applying {@code operation} to accounts chosen by {@code
   * choice} until {@code stop} says so, and tallies the outcomes.
   *
   * @param accountIds the accounts, picked by index with {@code choice}
   * @param perAccount whether to count successes per account (for a per-account balance check)
   * @param afterEach run by each client after each request (a progress bar's step); thread-safe
   */
  public static LoadResult run(
      int clients,
      Stop stop,
      Operation operation,
      long[] accountIds,
      AccountChoice choice,
      boolean perAccount,
      Runnable afterEach)
      throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(clients, threads());
    try {
      CountDownLatch ready = new CountDownLatch(clients);
      CountDownLatch go = new CountDownLatch(1);
      long[] start = new long[1];
      List<Future<Finished>> futures = new ArrayList<>(clients);
      for (int c = 0; c < clients; c++) {
        IntSupplier picker = choice.picker(0x5eed_0000L + c);
        futures.add(
            pool.submit(() -> {
              Tally tally = new Tally(perAccount ? accountIds.length : 0);
              ready.countDown();
              go.await();
              Duration duration = stop.duration();
              long deadline = duration != null ? start[0] + duration.toNanos() : Long.MAX_VALUE;
              for (long n = 0;
                  stop.timed() ? System.nanoTime() < deadline : n < stop.opsPerClient();
                  n++) {
                int index = picker.getAsInt();
                long t0 = System.nanoTime();
                try {
                  tally.record(index, operation.apply(accountIds[index]));
                } catch (Exception e) {
                  tally.failed(e);
                }
                tally.recordLatency(System.nanoTime() - t0);
                afterEach.run();
              }
              return new Finished(tally, System.nanoTime());
            }));
      }
      ready.await();
      start[0] = System.nanoTime(); // published to the clients by go's countDown/await
      go.countDown();
      Tally total = new Tally(perAccount ? accountIds.length : 0);
      long end = start[0];
      for (Future<Finished> f : futures) {
        Finished finished = get(f);
        total.add(finished.tally());
        end = Math.max(end, finished.at());
      }
      return new LoadResult(clients, end - start[0], total);
    } finally {
      pool.shutdownNow();
    }
  }

  private record Finished(Tally tally, long at) {}

  private static Finished get(Future<Finished> f) throws InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException("a lab client died outside its requests", e.getCause());
    }
  }

  private static ThreadFactory threads() {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "lab-client-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
