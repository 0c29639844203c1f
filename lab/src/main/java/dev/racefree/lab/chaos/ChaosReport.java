package dev.racefree.lab.chaos;

import java.util.List;

/**
 * One chaos run: what was sent, how many answers were unknown at first and how many of those their
 * key answered the same once more (resolved), the faults injected, and every violation found (empty
 * when the books hold).
 */
public record ChaosReport(
    int clients,
    long seconds,
    long operations,
    long acknowledged,
    long unknown,
    long resolved,
    long applied,
    Faults faults,
    long replayChecks,
    List<String> violations) {

  public ChaosReport {
    violations = List.copyOf(violations);
  }

  public boolean clean() {
    return violations.isEmpty();
  }
}
