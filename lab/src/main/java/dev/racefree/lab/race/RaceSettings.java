package dev.racefree.lab.race;

import dev.racefree.Quotas;
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
 * @param cap each quota counter's cap, in units, or 0 for half the requests a counter gets (see
 *     {@link #capAt})
 * @param naiveGap what the naive strategies do between read and write, given the client count
 */
public record RaceSettings(
    List<Strategy> strategies,
    List<Integer> clients,
    long opsPerClient,
    AccountChoice accounts,
    long amount,
    long initialBalance,
    long cap,
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
    if (cap < 0 || cap > Quotas.MAX_CAP) {
      throw new IllegalArgumentException(
          "cap must be between 1 and " + Quotas.MAX_CAP + " (or 0: half the requests), was " + cap);
    }
    if (Math.multiplyHigh(cap, accounts.count()) != 0 || cap * accounts.count() < 0) {
      throw new IllegalArgumentException("cap times accounts passes Long.MAX_VALUE");
    }
    if (Math.multiplyHigh(initialBalance, accounts.count()) != 0
        || initialBalance * accounts.count() < 0) {
      throw new IllegalArgumentException("initial balance times accounts passes Long.MAX_VALUE");
    }
  }

  /**
   * Each quota counter's cap at {@code clients}: the one given, or half the requests a counter gets
   * on average (at least 1), so that the requests ask for twice what the cap allows.
   */
  public long capAt(int clients) {
    if (cap > 0) {
      return cap;
    }
    return Math.max(1, clients * opsPerClient / accounts.count() / 2);
  }

  /** Whether any strategy consumes a quota. */
  public boolean quotas() {
    return strategies.stream().anyMatch(Strategy::quota);
  }

  /** How many requests (debits, consumptions) the whole race sends, for the progress bar. */
  public long totalOps() {
    return strategies.size() * opsPerClient * clients.stream().mapToLong(Integer::longValue).sum();
  }
}
