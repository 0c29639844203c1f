package dev.racefree.test;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A schedule after which the invariant did not hold.
 *
 * @param schedule the steps, in the order they were let through
 * @param seed the seed that replays it ({@link Interleavings.Plan#replaySeed}), for a schedule of a
 *     random exploration; {@code null} otherwise ({@link Schedule#replay()} replays any)
 * @param outcomes what each session returned or threw
 * @param violation what the invariant threw
 */
public record ScheduleFailure(
    Schedule schedule, @Nullable Long seed, Outcomes<Object> outcomes, Throwable violation) {

  /** Checks the values. */
  public ScheduleFailure {
    Objects.requireNonNull(schedule, "schedule can not be null");
    Objects.requireNonNull(outcomes, "outcomes can not be null");
    Objects.requireNonNull(violation, "violation can not be null");
  }

  /** The schedule, the outcomes, the violation and how to replay it, for a test report. */
  public String describe() {
    StringBuilder s = new StringBuilder();
    s.append("the invariant failed: ").append(violation).append('\n');
    s.append("after this schedule (").append(schedule.switches()).append(" switches):\n");
    s.append(schedule);
    for (Outcome<Object> o : outcomes.all()) {
      s.append("  s").append(o.index() + 1).append(" ");
      switch (o) {
        case Outcome.Returned<Object> r -> s.append("returned ").append(r.value());
        case Outcome.Threw<Object> t -> s.append("threw ").append(t.error());
      }
      s.append('\n');
    }
    s.append("replay: .replay(\"").append(schedule.replay()).append("\")");
    if (seed != null) {
      s.append(" or .replaySeed(").append(seed).append("L)");
    }
    return s.toString();
  }
}
