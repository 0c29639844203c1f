package dev.racefree.lab.report;

import dev.racefree.lab.server.ServerInfo;
import java.util.List;

/**
 * What {@code race} and {@code bench} write with {@code --json}: the server, then one row per run.
 */
public record Report(ServerInfo server, List<ResultRow> results) {

  public boolean brokeInvariant() {
    return results.stream().anyMatch(ResultRow::brokeInvariant);
  }

  /**
   * Requests of racefree's strategies that failed with something other than a lost race or a
   * deadlock.
   */
  public long racefreeErrors() {
    return results.stream()
        .filter(ResultRow::racefreeStrategy)
        .mapToLong(r -> r.requests().errors())
        .sum();
  }
}
