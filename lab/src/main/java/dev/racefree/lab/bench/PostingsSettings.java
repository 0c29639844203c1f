package dev.racefree.lab.bench;

import java.time.Duration;
import java.util.List;

/**
 * One {@code bench --postings}: racefree's deposit and debit against the statements they replace,
 * at each client count, each runner {@code repeat} times in turn.
 *
 * @param uniformAccounts how many accounts the uniform workloads spread over
 * @param warmup how long each runner warms up (JIT, server caches) before the first point
 * @param repeat how many times each runner runs at each point; the report gives the median
 */
public record PostingsSettings(
    List<Integer> clients, Duration duration, Duration warmup, int uniformAccounts, int repeat) {

  public PostingsSettings {
    clients = List.copyOf(clients);
    if (duration.toMillis() < 1000) {
      throw new IllegalArgumentException("duration must be at least 1 s");
    }
    if (uniformAccounts < 2) {
      throw new IllegalArgumentException("uniform accounts must be at least 2");
    }
    if (repeat < 1) {
      throw new IllegalArgumentException("repeat must be at least 1");
    }
  }
}
