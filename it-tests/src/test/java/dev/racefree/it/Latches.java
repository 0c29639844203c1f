package dev.racefree.it;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Waiting on a latch from inside a lambda, where checked exceptions can not go. */
final class Latches {

  private Latches() {}

  /** Waits until {@code latch} opens; fails the test if it does not within 30 s. */
  static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new AssertionError("latch not released within 30 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
