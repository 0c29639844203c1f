package dev.racefree.test.internal;

import dev.racefree.test.Fault;
import dev.racefree.test.Outcome;
import dev.racefree.test.Outcomes;
import dev.racefree.test.Schedule;
import dev.racefree.test.Step;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.jspecify.annotations.Nullable;

/**
 * Runs the sessions once, through the schedule a {@link Chooser} picks: one session let through at
 * a time, and the next decision only once every session has settled (parked at its next point,
 * finished, or blocked on a lock in the database), so that the same choices give the same schedule.
 */
final class Scheduler {

  /** How often the database is asked about sessions in a step that have not come back yet. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

  private final List<Callable<?>> sessions;
  private final LockWatcher watcher;
  private final Duration timeout;
  private final List<Fault> faults;

  Scheduler(List<Callable<?>> sessions, LockWatcher watcher, Duration timeout, List<Fault> faults) {
    this.sessions = sessions;
    this.watcher = watcher;
    this.timeout = timeout;
    this.faults = faults;
  }

  /** One schedule's steps, its decisions and the sessions' outcomes. */
  record Result(
      Schedule schedule,
      List<List<Integer>> enabled,
      List<Integer> chosen,
      Outcomes<Object> outcomes) {}

  Result run(Chooser chooser) throws InterruptedException, SQLException {
    int k = sessions.size();
    Run run = new Run(k, timeout);
    AtomicReferenceArray<@Nullable Outcome<Object>> outcomes = new AtomicReferenceArray<>(k);
    List<Thread> threads = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      SessionState state = run.sessions[i];
      Callable<?> call = sessions.get(i);
      int index = i;
      threads.add(
          Thread.ofPlatform()
              .name("interleaving-s" + (i + 1))
              .start(() -> {
                Run.enter(state);
                try {
                  outcomes.set(index, new Outcome.Returned<Object>(index, call.call()));
                } catch (Throwable e) { // an outcome like any other: the invariant judges it
                  outcomes.set(index, new Outcome.Threw<Object>(index, e));
                } finally {
                  Run.leave();
                  run.finished(state);
                }
              }));
    }
    List<PendingStep> trace = new ArrayList<>();
    List<List<Integer>> enabledAt = new ArrayList<>();
    List<Integer> chosen = new ArrayList<>();
    int[] steps = new int[k + 1];
    int[] commits = new int[k + 1];
    try {
      while (true) {
        settle(run);
        List<Integer> enabled = new ArrayList<>();
        boolean allFinished = true;
        synchronized (run) {
          for (SessionState s : run.sessions) {
            if (s.status == SessionState.Status.PARKED) {
              enabled.add(s.session);
            }
            allFinished &= s.status == SessionState.Status.FINISHED;
          }
        }
        if (allFinished) {
          break;
        }
        if (enabled.isEmpty()) {
          awaitUnblocked(run); // every session left waits on a lock: a deadlock, or a lock timeout
          continue;
        }
        int choice = chooser.choose(enabledAt.size(), List.copyOf(enabled));
        if (!enabled.contains(choice)) {
          throw new IllegalStateException(
              "session " + choice + " was chosen but is not parked (parked: " + enabled + ")");
        }
        enabledAt.add(List.copyOf(enabled));
        chosen.add(choice);
        inject(run.sessions[choice - 1], ++steps[choice], commits);
        trace.add(run.grant(run.sessions[choice - 1]));
      }
      for (Thread t : threads) {
        t.join(timeout.toMillis());
      }
    } catch (InterruptedException | SQLException | RuntimeException e) {
      run.abandon(e);
      threads.forEach(Thread::interrupt);
      for (Thread t : threads) {
        t.join(timeout.toMillis());
      }
      throw e;
    }
    List<Outcome<Object>> all = new ArrayList<>(k);
    for (int i = 0; i < k; i++) {
      Outcome<Object> o = outcomes.get(i);
      if (o == null) {
        throw new IllegalStateException("session " + (i + 1) + " did not end");
      }
      all.add(o);
    }
    return new Result(
        new Schedule(trace.stream().map(PendingStep::toStep).toList()),
        enabledAt,
        chosen,
        new Outcomes<>(all));
  }

  /** Injects the fault planned at this session's {@code step}-th step, if one is. */
  private void inject(SessionState s, int step, int[] commits) throws SQLException {
    PendingStep pending;
    synchronized (s.run) {
      pending = s.step;
    }
    if (pending == null) {
      return;
    }
    int commit = pending.kind == Step.Kind.COMMIT ? ++commits[s.session] : 0;
    for (Fault f : faults) {
      if (f.session() == s.session && (f.commits() ? f.step() == commit : f.step() == step)) {
        pending.fault = f.kind();
        if (f.kind() == Fault.Kind.KILL_BACKEND_BEFORE && pending.pid > 0) {
          watcher.terminate(pending.pid);
        }
      }
    }
  }

  /** Waits until no session runs code: each is parked, finished, or blocked on a lock. */
  private void settle(Run run) throws InterruptedException, SQLException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seen = run.version();
      List<SessionState> inStep = new ArrayList<>();
      boolean running = false;
      synchronized (run) {
        for (SessionState s : run.sessions) {
          running |= s.status == SessionState.Status.RUNNING;
          if (s.status == SessionState.Status.IN_STEP) {
            inStep.add(s);
          }
        }
      }
      if (!running && (inStep.isEmpty() || allBlocked(run, inStep))) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            stuck(run, "did not reach a step, end, or block on a lock"));
      }
      run.awaitChange(seen, inStep.isEmpty() ? deadline - System.nanoTime() : POLL_NANOS);
    }
  }

  /** Asks the database which of {@code inStep} are blocked; true if all of them are. */
  private boolean allBlocked(Run run, List<SessionState> inStep) throws SQLException {
    List<Integer> pids = new ArrayList<>();
    synchronized (run) {
      for (SessionState s : inStep) {
        PendingStep step = s.step;
        if (step != null && step.pid > 0) {
          pids.add(step.pid);
        }
      }
    }
    Set<Integer> blocked = watcher.blocked(pids);
    boolean all = true;
    synchronized (run) {
      for (SessionState s : inStep) {
        PendingStep step = s.step;
        boolean b =
            s.status == SessionState.Status.IN_STEP && step != null && blocked.contains(step.pid);
        s.blocked = b;
        if (b && step != null) {
          step.blocked = true;
        }
        all &= b; // one that left its step since is running code: not settled
      }
    }
    return all;
  }

  /** Waits until a blocked session moves on: PostgreSQL's deadlock check or a lock timeout. */
  private void awaitUnblocked(Run run) throws InterruptedException, SQLException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seen = run.version();
      List<SessionState> inStep = new ArrayList<>();
      synchronized (run) {
        for (SessionState s : run.sessions) {
          if (s.status != SessionState.Status.FINISHED) {
            if (s.status != SessionState.Status.IN_STEP) {
              return;
            }
            inStep.add(s);
          }
        }
      }
      if (!allBlocked(run, inStep)) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(stuck(run, "stayed blocked on locks"));
      }
      run.awaitChange(seen, POLL_NANOS * 5);
    }
  }

  private String stuck(Run run, String what) {
    StringBuilder s =
        new StringBuilder("sessions ").append(what).append(" within ").append(timeout);
    synchronized (run) {
      for (SessionState state : run.sessions) {
        PendingStep step = state.step;
        s.append("\n  s")
            .append(state.session)
            .append(' ')
            .append(state.status)
            .append(step == null ? "" : " at " + step.toStep());
        if (step != null && step.pid <= 0) {
          s.append(" (no backend pid: not a PgJDBC connection, so its lock waits are not seen)");
        }
      }
    }
    return s.toString();
  }
}
