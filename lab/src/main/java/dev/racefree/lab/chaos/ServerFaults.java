package dev.racefree.lab.chaos;

import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * Server-wide faults on a schedule: {@code count} of them spread evenly over the run. Each {@code
 * strike}s (the server's processes killed with {@code -9}), is marked on the {@link Recovery} clock
 * once the old server is dead, then {@code recover}s (a restart, or the standby promoted), and
 * {@code afterEach} runs once the server is back (pools let go of their dead connections). A fault
 * that fails ends the schedule; {@link #done()} then throws it.
 */
final class ServerFaults implements Runnable {

  private final int count;
  private final long durationNanos;
  private final Runnable strike;
  private final Runnable recover;
  private final Runnable afterEach;
  private final Recovery recovery;
  private volatile boolean stop;
  private int done;
  private @Nullable RuntimeException failure;

  ServerFaults(
      int count,
      long durationNanos,
      Runnable strike,
      Runnable recover,
      Runnable afterEach,
      Recovery recovery) {
    this.count = count;
    this.durationNanos = durationNanos;
    this.strike = strike;
    this.recover = recover;
    this.afterEach = afterEach;
    this.recovery = recovery;
  }

  @Override
  public void run() {
    try {
      strikeAll();
    } catch (RuntimeException e) {
      failure = e;
    }
  }

  private void strikeAll() {
    long start = System.nanoTime();
    for (int i = 1; i <= count && !stop; i++) {
      long at = start + durationNanos * i / (count + 1);
      for (long left; (left = at - System.nanoTime()) > 0 && !stop; ) {
        LockSupport.parkNanos(Math.min(left, 50_000_000L)); // a fault schedule, not a sync
      }
      if (stop) {
        return;
      }
      strike.run();
      recovery.fault();
      recover.run();
      afterEach.run();
      done++;
    }
  }

  void stop() {
    stop = true;
  }

  /** Faults that struck and recovered; read after its thread ended. */
  int done() {
    if (failure != null) {
      throw new IllegalStateException(
          "a server fault failed after " + done + " of " + count, failure);
    }
    return done;
  }
}
