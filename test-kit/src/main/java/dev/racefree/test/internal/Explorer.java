package dev.racefree.test.internal;

import dev.racefree.test.Exploration;
import dev.racefree.test.Fault;
import dev.racefree.test.Invariant;
import dev.racefree.test.ScheduleFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/** Runs schedules of the sessions: every one (depth first), seeded random ones, or one given. */
public final class Explorer {

  /** Sets up the database before each schedule. */
  @FunctionalInterface
  public interface Setup {
    void run() throws Exception;
  }

  private final DataSource watcherSource;
  private final List<Callable<?>> sessions;
  private final Setup setup;
  private final Invariant invariant;
  private final Duration timeout;
  private final List<Fault> faults;

  /** An explorer of {@code sessions}; the lock watcher's connection comes from {@code watcher}. */
  public Explorer(
      DataSource watcher,
      List<Callable<?>> sessions,
      Setup setup,
      Invariant invariant,
      Duration timeout,
      List<Fault> faults) {
    this.watcherSource = watcher;
    this.sessions = List.copyOf(sessions);
    this.setup = setup;
    this.invariant = invariant;
    this.timeout = timeout;
    this.faults = List.copyOf(faults);
  }

  /** Every interleaving, depth first, up to {@code maxSchedules} of them. */
  public Exploration exhaustive(int maxSchedules) throws Exception {
    try (LockWatcher watcher = new LockWatcher(watcherSource)) {
      Scheduler scheduler = new Scheduler(sessions, watcher, timeout, faults);
      List<ScheduleFailure> failures = new ArrayList<>();
      Set<String> distinct = new HashSet<>();
      List<Integer> prefix = List.of();
      int run = 0;
      while (true) {
        List<Integer> forced = prefix;
        Scheduler.Result r =
            checked(scheduler, (d, enabled) -> forced(forced, d, enabled), null, failures);
        run++;
        distinct.add(r.schedule().replay());
        List<Integer> next = next(r.enabled(), r.chosen());
        if (next == null) {
          return new Exploration(run, distinct.size(), true, failures);
        }
        if (run >= maxSchedules) {
          return new Exploration(run, distinct.size(), false, failures);
        }
        prefix = next;
      }
    }
  }

  /**
   * {@code runs} random schedules, run {@code i} seeded with {@code seed + i}: PCT-style, each
   * session a random priority, the highest parked one let through, and two random decisions at
   * which the running session drops to the lowest priority.
   */
  public Exploration random(long seed, int runs) throws Exception {
    try (LockWatcher watcher = new LockWatcher(watcherSource)) {
      Scheduler scheduler = new Scheduler(sessions, watcher, timeout, faults);
      int length = probeLength(scheduler);
      List<ScheduleFailure> failures = new ArrayList<>();
      Set<String> distinct = new HashSet<>();
      for (int i = 0; i < runs; i++) {
        long runSeed = seed + i;
        Scheduler.Result r = checked(scheduler, pct(runSeed, length), runSeed, failures);
        distinct.add(r.schedule().replay());
      }
      return new Exploration(runs, distinct.size(), false, failures);
    }
  }

  /** One schedule: {@code schedule}'s sessions (from 1) in order, then the lowest parked. */
  public Exploration replay(List<Integer> schedule) throws Exception {
    try (LockWatcher watcher = new LockWatcher(watcherSource)) {
      Scheduler scheduler = new Scheduler(sessions, watcher, timeout, faults);
      List<ScheduleFailure> failures = new ArrayList<>();
      checked(scheduler, (d, enabled) -> forced(schedule, d, enabled), null, failures);
      return new Exploration(1, 1, false, failures);
    }
  }

  private Scheduler.Result checked(
      Scheduler scheduler, Chooser chooser, @Nullable Long seed, List<ScheduleFailure> failures)
      throws Exception {
    setup.run();
    invariant.before();
    Scheduler.Result r = scheduler.run(chooser);
    try {
      invariant.check(r.outcomes());
    } catch (Exception | AssertionError e) {
      failures.add(new ScheduleFailure(r.schedule(), seed, r.outcomes(), e));
    }
    return r;
  }

  /** The length of the sessions' schedule one after the other, for PCT's change points. */
  private int probeLength(Scheduler scheduler) throws Exception {
    setup.run();
    return Math.max(1, scheduler.run((d, enabled) -> enabled.get(0)).chosen().size());
  }

  static Chooser pct(long seed, int length) {
    Random random = new Random(seed);
    int depth = 3;
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      order.add(i);
    }
    java.util.Collections.shuffle(order, random);
    int[] changes = new int[depth - 1];
    for (int j = 0; j < changes.length; j++) {
      changes[j] = random.nextInt(length);
    }
    int[] priority = new int[33];
    for (int s = 1; s <= 32; s++) {
      priority[s] = depth + order.get(s - 1);
    }
    return (decision, enabled) -> {
      for (int j = 0; j < changes.length; j++) {
        if (changes[j] == decision) {
          priority[highest(enabled, priority)] = depth - 1 - j;
        }
      }
      return highest(enabled, priority);
    };
  }

  private static int highest(List<Integer> enabled, int[] priority) {
    int best = enabled.get(0);
    for (int s : enabled) {
      if (priority[s] > priority[best]) {
        best = s;
      }
    }
    return best;
  }

  private static int forced(List<Integer> prefix, int decision, List<Integer> enabled) {
    if (decision >= prefix.size()) {
      return enabled.get(0);
    }
    int s = prefix.get(decision);
    if (!enabled.contains(s)) {
      throw new IllegalStateException(
          "decision "
              + (decision + 1)
              + " was to let session "
              + s
              + " through, but only "
              + enabled
              + " are parked: the sessions did not repeat what they did the last time (the"
              + " schedule depends on something else than the order of the steps)");
    }
    return s;
  }

  /** The prefix of the next schedule depth first, or null once every one ran. */
  private static @Nullable List<Integer> next(List<List<Integer>> enabled, List<Integer> chosen) {
    for (int d = chosen.size() - 1; d >= 0; d--) {
      List<Integer> options = enabled.get(d);
      int at = options.indexOf(chosen.get(d));
      if (at < options.size() - 1) {
        List<Integer> prefix = new ArrayList<>(chosen.subList(0, d));
        prefix.add(options.get(at + 1));
        return prefix;
      }
    }
    return null;
  }
}
