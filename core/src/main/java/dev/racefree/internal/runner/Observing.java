package dev.racefree.internal.runner;

import dev.racefree.RacefreeObserver;
import dev.racefree.RacefreeObserver.Observation;
import dev.racefree.result.LockResult;
import java.time.Duration;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * One operation being watched by a {@link RacefreeObserver}: what it learns on the way (a replay, a
 * retry, a lock wait) and its one end. Made only for an observer other than {@link
 * RacefreeObserver#NONE}, so that unwatched operations allocate nothing. Not thread-safe: one
 * operation's work runs on one thread at a time, and handing it to another (a batch) happens
 * through a queue.
 */
public final class Observing {

  private static final String RESULTS = LockResult.class.getPackageName();
  private static final String BATCH = "batching.batch";
  private static final Observation IGNORED = (outcome, replayed, retries) -> {};

  /** A sealed result's class (of dev.racefree.result): its simple name is the outcome. */
  private static final ClassValue<Boolean> SEALED =
      new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
          for (Class<?> parent : type.getInterfaces()) {
            if (parent.isSealed() && parent.getPackageName().equals(RESULTS)) {
              return true;
            }
          }
          return false;
        }
      };

  private final RacefreeObserver observer;
  private final String operation;
  private final Observation observation;
  private boolean replayed;
  private int retries;

  private Observing(RacefreeObserver observer, String operation, Observation observation) {
    this.observer = observer;
    this.operation = operation;
    this.observation = observation;
  }

  /** Whether {@code observer} is {@link RacefreeObserver#NONE}, the one that costs nothing. */
  @SuppressWarnings("ReferenceEquality") // NONE itself, not one that behaves like it
  public static boolean none(RacefreeObserver observer) {
    return observer == RacefreeObserver.NONE;
  }

  /** Starts watching {@code operation}; {@code null} when nobody watches. */
  public static @Nullable Observing start(RacefreeObserver observer, String operation) {
    if (none(observer)) {
      return null;
    }
    Observation observation = IGNORED;
    try {
      observation = observer.start(operation);
    } catch (RuntimeException ignored) {
      // an observer never changes an operation: see RacefreeObserver
    }
    return new Observing(observer, operation, observation);
  }

  /** Watches a batch as a whole: its lock waits and retries; it reports no start or end. */
  public static @Nullable Observing batch(RacefreeObserver observer) {
    return none(observer) ? null : new Observing(observer, BATCH, IGNORED);
  }

  /** Runs {@code work} as the watched operation and reports how it ended. */
  public <T> T around(Supplier<T> work) {
    T result;
    try {
      result = work.get();
    } catch (Throwable t) {
      end(t.getClass().getSimpleName());
      throw t;
    }
    return ended(result);
  }

  /** Reports {@code result} as the operation's end, and returns it. */
  public <T> T ended(T result) {
    end(result != null && SEALED.get(result.getClass()) ? result.getClass().getSimpleName() : "Ok");
    return result;
  }

  /** Reports {@code failure} as the operation's end. */
  public void failed(Throwable failure) {
    end(failure.getClass().getSimpleName());
  }

  private void end(String outcome) {
    try {
      observation.end(outcome, replayed, retries);
    } catch (RuntimeException ignored) {
      // see start
    }
  }

  /** Attempt {@code n} (from 1) of a transaction begins: what an earlier one replayed is gone. */
  public void attempt(int n) {
    replayed = false;
    if (n > 1) {
      retries++;
    }
  }

  /** A lost optimistic race made the operation try again. */
  public void retried() {
    retries++;
  }

  /** The answer came from a stored key. */
  public void replayed(boolean fromStore) {
    replayed = fromStore;
  }

  /** How many retries this saw. */
  public int retries() {
    return retries;
  }

  /** Sets the retries, from the batch that ran this request. */
  public void retries(int n) {
    retries = n;
  }

  /** A locking statement that began at {@code since} ({@link System#nanoTime()}) ended. */
  public void lockWaited(long since) {
    try {
      observer.lockWaited(operation, Duration.ofNanos(System.nanoTime() - since));
    } catch (RuntimeException ignored) {
      // see start
    }
  }

  /** Reports a committed batch of {@code size} requests to {@code observer}. */
  public static void batchRan(RacefreeObserver observer, int size) {
    if (none(observer)) {
      return;
    }
    try {
      observer.batchRan(BATCH, size);
    } catch (RuntimeException ignored) {
      // see start
    }
  }
}
