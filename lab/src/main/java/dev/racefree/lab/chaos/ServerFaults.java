package dev.racefree.lab.chaos;

import java.util.Collections;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Server-wide faults on a schedule, spread evenly over the run. Each {@code strike}s (the server's
 * processes killed with {@code -9}, or its HA manager stopped), is marked on the {@link Recovery}
 * clock once the old server is dead, then recovers with what its strike returned (a restart, the
 * standby promoted, a new leader awaited), and {@code afterEach} runs once the server is back
 * (pools let go of their dead connections). A fault that fails ends the schedule; {@link #done()}
 * then throws it.
 */
final class ServerFaults implements Runnable {

  /** A kind of fault: {@code strike} does it and returns how to recover from it. */
  record Fault(String name, Supplier<Runnable> strike) {}

  private final List<Fault> faults;
  private final long durationNanos;
  private final Runnable afterEach;
  private final Recovery recovery;
  private volatile boolean stop;
  private int done;
  private @Nullable RuntimeException failure;

  /** {@code count} times the same fault: {@code strike}, then {@code recover}. */
  ServerFaults(
      int count,
      long durationNanos,
      String name,
      Runnable strike,
      Runnable recover,
      Runnable afterEach,
      Recovery recovery) {
    this(
        Collections.nCopies(
            count,
            new Fault(
                name,
                () -> {
                  strike.run();
                  return recover;
                })),
        durationNanos,
        afterEach,
        recovery);
  }

  /** {@code faults}, in order. */
  ServerFaults(List<Fault> faults, long durationNanos, Runnable afterEach, Recovery recovery) {
    this.faults = List.copyOf(faults);
    this.durationNanos = durationNanos;
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
    int count = faults.size();
    long start = System.nanoTime();
    for (int i = 1; i <= count && !stop; i++) {
      long at = start + durationNanos * i / (count + 1);
      for (long left; (left = at - System.nanoTime()) > 0 && !stop; ) {
        LockSupport.parkNanos(Math.min(left, 50_000_000L)); // a fault schedule, not a sync
      }
      if (stop) {
        return;
      }
      Fault fault = faults.get(i - 1);
      Runnable recover = fault.strike().get();
      recovery.fault(fault.name());
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
          "a server fault failed after " + done + " of " + faults.size(), failure);
    }
    return done;
  }
}
