package dev.racefree.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Bursts of copies of a call, released at once.
 *
 * <p>Each copy runs on a thread of its own; every thread first waits behind one latch, and the
 * latch opens only once all of them are started and waiting, so the copies start together rather
 * than one after another as threads come up. The burst returns when every copy has returned or
 * thrown, with every outcome: a race is judged by all of them, not by the first failure.
 */
public final class Races {

  /** How long a burst waits for its copies before it gives up: generous, for a busy machine. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

  /** Which threads the copies run on. */
  public enum Threads {
    /** One platform thread per copy. */
    PLATFORM,
    /** One virtual thread per copy. */
    VIRTUAL
  }

  private Races() {}

  /** {@code copies} copies of {@code call} on platform threads, released at once. */
  public static <T extends @Nullable Object> Outcomes<T> burst(int copies, CopyCall<T> call) {
    return burst(copies, Threads.PLATFORM, DEFAULT_TIMEOUT, call);
  }

  /**
   * {@code copies} copies of {@code call} on {@code threads}, released at once.
   *
   * @throws AssertionError if a copy has not ended after {@code timeout} (the copies still running
   *     are interrupted)
   */
  public static <T extends @Nullable Object> Outcomes<T> burst(
      int copies, Threads threads, Duration timeout, CopyCall<T> call) {
    if (copies < 1) {
      throw new IllegalArgumentException("copies must be at least 1, was " + copies);
    }
    Objects.requireNonNull(threads, "threads can not be null");
    Objects.requireNonNull(timeout, "timeout can not be null");
    Objects.requireNonNull(call, "call can not be null");
    CountDownLatch started = new CountDownLatch(copies);
    CountDownLatch go = new CountDownLatch(1);
    CountDownLatch ended = new CountDownLatch(copies);
    AtomicReferenceArray<@Nullable Outcome<T>> outcomes = new AtomicReferenceArray<>(copies);
    Thread.Builder builder =
        threads == Threads.VIRTUAL
            ? Thread.ofVirtual().name("race-copy-", 0)
            : Thread.ofPlatform().name("race-copy-", 0);
    List<Thread> running = new ArrayList<>(copies);
    for (int i = 0; i < copies; i++) {
      int copy = i;
      running.add(
          builder.start(() -> {
            try {
              started.countDown();
              go.await();
              outcomes.set(copy, new Outcome.Returned<>(copy, call.call(copy)));
            } catch (Throwable e) { // every outcome is kept, errors included
              outcomes.set(copy, new Outcome.Threw<>(copy, e));
            } finally {
              ended.countDown();
            }
          }));
    }
    try {
      started.await();
      go.countDown();
      if (!ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
        running.forEach(Thread::interrupt);
        throw new AssertionError(
            ended.getCount() + " of " + copies + " copies had not ended after " + timeout);
      }
    } catch (InterruptedException e) {
      running.forEach(Thread::interrupt);
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while the burst ran", e);
    }
    List<Outcome<T>> all = new ArrayList<>(copies);
    for (int i = 0; i < copies; i++) {
      all.add(Objects.requireNonNull(outcomes.get(i)));
    }
    return new Outcomes<>(all);
  }

  /**
   * Runs up to {@code rounds} rounds, each typically a fresh setup, a burst and a check, and stops
   * at the first whose check fails. A burst shows a race with some probability, not with certainty:
   * rounds make a miss unlikely, and {@link Interleavings} makes it impossible.
   *
   * @return the first round that failed, or empty if every round held
   * @throws Exception what a round threw other than an {@link AssertionError}
   */
  public static Optional<BrokenRound> untilBroken(int rounds, Round round) throws Exception {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be at least 1, was " + rounds);
    }
    Objects.requireNonNull(round, "round can not be null");
    for (int i = 0; i < rounds; i++) {
      try {
        round.run(i);
      } catch (AssertionError e) {
        return Optional.of(new BrokenRound(i, e));
      }
    }
    return Optional.empty();
  }
}
