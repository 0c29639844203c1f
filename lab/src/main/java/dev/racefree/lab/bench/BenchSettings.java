package dev.racefree.lab.bench;

import dev.racefree.lab.strategies.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One bench: each strategy, on each workload, at each client count, run by racefree, by raw JDBC
 * and by pgbench, back to back (batched debits and quota consumptions by racefree alone, against
 * the atomic debit's rows).
 *
 * @param uniformAccounts how many accounts the uniform workload spreads over
 * @param warmup how long each runner warms up (JIT, server caches) before the first point
 */
public record BenchSettings(
    List<Strategy> strategies,
    List<Integer> clients,
    Duration duration,
    Duration warmup,
    int uniformAccounts) {

  /** Debits of 1 from balances this large are never refused, whatever the run length. */
  public static final long BALANCE = 1_000_000_000_000L;

  /** Each quota counter's cap: as large as the balances, so no consumption is refused either. */
  public static final long CAP = BALANCE;

  public static final List<Strategy> SUPPORTED =
      List.of(Strategy.ATOMIC, Strategy.PESSIMISTIC, Strategy.BATCHED, Strategy.QUOTA);

  /**
   * Batched debits and quota consumptions are compared with atomic debits measured at the same
   * point: atomic runs first.
   */
  public BenchSettings {
    if (strategies.contains(Strategy.BATCHED) || strategies.contains(Strategy.QUOTA)) {
      List<Strategy> ordered = new ArrayList<>(strategies);
      ordered.remove(Strategy.ATOMIC);
      ordered.add(0, Strategy.ATOMIC);
      strategies = ordered;
    }
    strategies = List.copyOf(strategies);
    clients = List.copyOf(clients);
    for (Strategy s : strategies) {
      if (!SUPPORTED.contains(s)) {
        throw new IllegalArgumentException("bench runs " + SUPPORTED + " only, not " + s);
      }
    }
    if (duration.toMillis() < 1000) {
      throw new IllegalArgumentException(
          "duration must be at least 1 s (pgbench -T counts whole seconds)");
    }
    if (uniformAccounts < 2) {
      throw new IllegalArgumentException("uniform accounts must be at least 2");
    }
  }
}
