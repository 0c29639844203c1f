package dev.racefree.test;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * One schedule an {@link Interleavings} exploration ran: the steps in the order they were let
 * through.
 */
public record Schedule(List<Step> steps) {

  /** Keeps a copy. */
  public Schedule {
    steps = List.copyOf(Objects.requireNonNull(steps, "steps can not be null"));
  }

  /**
   * The sessions in step order ({@code "1 2 2 2 1 1"}), which {@link
   * Interleavings.Plan#replay(String)} runs again.
   */
  public String replay() {
    return steps.stream().map(s -> String.valueOf(s.session())).collect(Collectors.joining(" "));
  }

  /**
   * The statements' verbs in step order, commits left out: {@code [SELECT, SELECT, UPDATE,
   * UPDATE]}.
   */
  public List<String> verbsWithoutCommits() {
    return steps.stream().filter(s -> s.kind() == Step.Kind.STATEMENT).map(Step::verb).toList();
  }

  /** How often the next step is another session's than the one before: the schedule's switches. */
  public int switches() {
    return switchPositions().size();
  }

  /** The steps (from 1) at which another session than the one before goes: where it interleaves. */
  public List<Integer> switchPositions() {
    List<Integer> at = new java.util.ArrayList<>();
    for (int i = 1; i < steps.size(); i++) {
      if (steps.get(i).session() != steps.get(i - 1).session()) {
        at.add(i + 1);
      }
    }
    return at;
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < steps.size(); i++) {
      s.append(String.format("%3d. %s%n", i + 1, steps.get(i)));
    }
    return s.toString();
  }
}
