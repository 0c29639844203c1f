package dev.racefree.lab.chaos;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How long the service was down after each server fault: from the crash (or the primary's kill) to
 * the first write acknowledged on a call sent after it, so on the server that came back.
 */
final class Recovery {

  private final AtomicLong faultAt = new AtomicLong(-1);
  private final List<Long> millis = new ArrayList<>();

  /** A fault happens now. */
  void fault() {
    faultAt.set(System.nanoTime());
  }

  /** A call sent at {@code sentNanos} was acknowledged now with a write. */
  void written(long sentNanos) {
    long at = faultAt.get();
    if (at >= 0 && sentNanos > at && faultAt.compareAndSet(at, -1)) {
      synchronized (millis) {
        millis.add((System.nanoTime() - at) / 1_000_000);
      }
    }
  }

  /** Per fault, in order, the milliseconds to the first write after it. */
  List<Long> millis() {
    synchronized (millis) {
      return List.copyOf(millis);
    }
  }
}
