package dev.racefree.lab.race;

import dev.racefree.RetryPolicy;
import dev.racefree.lab.load.AccountChoice;
import dev.racefree.lab.strategies.Gap;
import dev.racefree.lab.strategies.Strategy;
import java.util.List;
import java.util.function.IntFunction;

/**
 * One race: every strategy at every client count, each run on fresh accounts of its own.
 *
 * @param initialBalance each account's starting balance, minor units
 * @param naiveGap what the naive strategy does between read and write, given the client count
 */
public record RaceSettings(
    List<Strategy> strategies,
    List<Integer> clients,
    long opsPerClient,
    AccountChoice accounts,
    long amount,
    long initialBalance,
    RetryPolicy retry,
    IntFunction<Gap> naiveGap) {

  public RaceSettings {
    strategies = List.copyOf(strategies);
    clients = List.copyOf(clients);
    if (strategies.isEmpty() || clients.isEmpty()) {
      throw new IllegalArgumentException("need at least one strategy and one client count");
    }
    for (int c : clients) {
      if (c < 1) {
        throw new IllegalArgumentException("clients must be at least 1, was " + c);
      }
    }
    if (amount < 1 || initialBalance < 0) {
      throw new IllegalArgumentException(
          "amount must be positive and initial balance not negative");
    }
    if (Math.multiplyHigh(initialBalance, accounts.count()) != 0
        || initialBalance * accounts.count() < 0) {
      throw new IllegalArgumentException("initial balance times accounts passes Long.MAX_VALUE");
    }
  }

  /** How many debits the whole race sends, for the progress bar. */
  public long totalOps() {
    return strategies.size() * opsPerClient * clients.stream().mapToLong(Integer::longValue).sum();
  }
}
