package dev.racefree.test;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What an {@link Interleavings} exploration ran and found.
 *
 * @param schedulesRun how many schedules ran
 * @param distinctSchedules how many of them differed from one another
 * @param complete whether every interleaving ran (an exhaustive exploration within its bound)
 * @param failures every schedule after which the invariant failed, in the order run
 */
public record Exploration(
    int schedulesRun, int distinctSchedules, boolean complete, List<ScheduleFailure> failures) {

  /** Keeps a copy. */
  public Exploration {
    failures = List.copyOf(Objects.requireNonNull(failures, "failures can not be null"));
  }

  /** Whether the invariant failed after some schedule. */
  public boolean failed() {
    return !failures.isEmpty();
  }

  /**
   * The failure with the fewest switches between sessions, then the fewest steps, then the one
   * whose sessions interleave earliest (two requests that arrive together), then the first run: the
   * plainest story of the race.
   */
  public Optional<ScheduleFailure> minimalFailure() {
    return failures.stream()
        .min(
            Comparator.comparingInt((ScheduleFailure f) -> f.schedule().switches())
                .thenComparingInt(f -> f.schedule().steps().size())
                .thenComparing(f -> f.schedule().switchPositions(), Exploration::lexicographic));
  }

  /**
   * Passes if the invariant held after every schedule.
   *
   * @throws AssertionError naming the minimal failing schedule, its outcomes and how to replay it
   */
  public void assertHolds() {
    Optional<ScheduleFailure> minimal = minimalFailure();
    if (minimal.isPresent()) {
      AssertionError e =
          new AssertionError(
              failures.size()
                  + " of "
                  + schedulesRun
                  + " schedules broke the invariant; the minimal one:\n"
                  + minimal.get().describe());
      e.initCause(minimal.get().violation());
      throw e;
    }
  }

  private static int lexicographic(List<Integer> a, List<Integer> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = Integer.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  @Override
  public String toString() {
    return schedulesRun
        + " schedules ("
        + distinctSchedules
        + " distinct"
        + (complete ? ", every interleaving" : "")
        + "), "
        + failures.size()
        + " failed";
  }
}
