package dev.racefree.lab.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * How long the service was down after each server fault: from the crash (or the primary's kill, or
 * its PostgreSQL gone) to the first write acknowledged on a call sent after it, so on the server
 * that came back.
 */
final class Recovery {

  /** The fault the clock runs for. */
  private record Struck(String fault, long atNanos) {}

  private final AtomicReference<@Nullable Struck> struck = new AtomicReference<>();
  private final List<FaultRecovery> recoveries = new ArrayList<>();

  /** A fault, {@code fault} its kind, happens now. */
  void fault(String fault) {
    struck.set(new Struck(fault, System.nanoTime()));
  }

  /** A call sent at {@code sentNanos} was acknowledged now with a write. */
  void written(long sentNanos) {
    Struck at = struck.get();
    if (at != null && sentNanos > at.atNanos() && struck.compareAndSet(at, null)) {
      synchronized (recoveries) {
        recoveries.add(
            new FaultRecovery(at.fault(), (System.nanoTime() - at.atNanos()) / 1_000_000));
      }
    }
  }

  /** Per fault, in order, its kind and the milliseconds to the first write after it. */
  List<FaultRecovery> recoveries() {
    synchronized (recoveries) {
      return List.copyOf(recoveries);
    }
  }
}
