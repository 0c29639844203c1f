package dev.racefree.test.internal;

import dev.racefree.test.Step;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * One schedule's sessions and the one monitor they and the scheduler meet on. A session thread
 * parks at each point until the scheduler grants it the step; the scheduler waits for every session
 * to settle: parked, finished, or blocked on a lock in the database.
 */
final class Run {

  private static final ThreadLocal<@Nullable SessionState> CURRENT = new ThreadLocal<>();

  final SessionState[] sessions;
  private final Duration timeout;
  private @Nullable Throwable abort;
  private long version;

  Run(int count, Duration timeout) {
    this.sessions = new SessionState[count];
    for (int i = 0; i < count; i++) {
      sessions[i] = new SessionState(i + 1, this);
    }
    this.timeout = timeout;
  }

  /** The session the calling thread runs, if it runs one. */
  static @Nullable SessionState current() {
    return CURRENT.get();
  }

  static void enter(SessionState session) {
    CURRENT.set(session);
  }

  static void leave() {
    CURRENT.remove();
  }

  /** Called by a session's thread: parks before a step until it is granted. */
  PendingStep park(
      SessionState s, Step.Kind kind, String sql, List<@Nullable Object> binds, int pid)
      throws InterruptedException {
    synchronized (this) {
      PendingStep step = new PendingStep(s.session, kind, sql, binds, pid);
      s.step = step;
      s.status = SessionState.Status.PARKED;
      s.granted = false;
      changed();
      long deadline = System.nanoTime() + timeout.toNanos();
      while (!s.granted) {
        if (abort != null) {
          throw new IllegalStateException("the schedule was abandoned", abort);
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          throw new IllegalStateException(
              "session " + s.session + " was not let through within " + timeout);
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      s.status = SessionState.Status.IN_STEP;
      return step;
    }
  }

  /** Called by a session's thread when its step's statement has returned or thrown. */
  synchronized void stepEnded(SessionState s, String result) {
    PendingStep step = s.step;
    if (step != null) {
      step.result = result;
    }
    s.status = SessionState.Status.RUNNING;
    s.blocked = false;
    changed();
  }

  synchronized void finished(SessionState s) {
    s.status = SessionState.Status.FINISHED;
    s.blocked = false;
    changed();
  }

  /** Lets {@code s}'s parked step through; the step it was parked before. */
  synchronized PendingStep grant(SessionState s) {
    PendingStep step = s.step;
    if (s.status != SessionState.Status.PARKED || step == null) {
      throw new IllegalStateException("session " + s.session + " is not parked");
    }
    s.granted = true;
    s.status = SessionState.Status.IN_STEP;
    changed();
    return step;
  }

  /** Wakes every parked session with an error, so that a failed schedule does not hang. */
  synchronized void abandon(Throwable why) {
    abort = why;
    changed();
  }

  private void changed() {
    version++;
    notifyAll();
  }

  /** A number that moves on with every change of a session's state. */
  synchronized long version() {
    return version;
  }

  /** Waits up to {@code nanos} unless a session's state changed since {@code seen}. */
  synchronized void awaitChange(long seen, long nanos) throws InterruptedException {
    if (version == seen && nanos > 0) {
      TimeUnit.NANOSECONDS.timedWait(this, nanos);
    }
  }
}
