package dev.racefree.lab.chaos;

import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Cuts proxied connections every interval until stopped, alternating: one at random, whatever it is
 * doing, then the next one to send a COMMIT, just after the COMMIT reached the server.
 */
final class Cutter implements Runnable {

  private final CuttingProxy proxy;
  private final long intervalNanos;
  private final SplittableRandom random;
  private volatile boolean stop;
  private volatile @Nullable Thread runner;

  Cutter(CuttingProxy proxy, long intervalNanos, long seed) {
    this.proxy = proxy;
    this.intervalNanos = intervalNanos;
    this.random = new SplittableRandom(seed);
  }

  @Override
  public void run() {
    runner = Thread.currentThread();
    for (long n = 0; !stop; n++) {
      LockSupport.parkNanos(intervalNanos); // a fault schedule, not a synchronisation
      if (stop) {
        return;
      }
      if (n % 2 == 0) {
        proxy.cutOne(random);
      } else {
        proxy.cutNextCommit();
      }
    }
  }

  /** Stops it, at once: a long interval is not waited out. */
  void stop() {
    stop = true;
    Thread t = runner;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }
}
