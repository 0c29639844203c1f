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
 * @param cap each quota counter's cap, in units, or each code's total cap, in redemptions, or each
 *     account's daily limit, in minor units, or 0 for half the requests a counter or code gets, or
 *     half what the debits of an account ask for (see {@link #capAt}, {@link #limitAt})
 * @param perRedeemer each code's cap per redeemer, or 0 for twice the cap shared among the
 *     redeemers (see {@link #perRedeemerAt})
 * @param redeemers how many redeemers a code's requests come from, drawn Zipf-distributed
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
    long perRedeemer,
    int redeemers,
    RetryPolicy retry,
    IntFunction<Gap> naiveGap) {

  /** How many redeemers a code's requests come from unless told. */
  public static final int DEFAULT_REDEEMERS = 8;

  /** The most redeemers a race draws from. */
  public static final int MAX_REDEEMERS = 10_000;

  /** The most (code, redeemer) pairs a race counts its redemptions for. */
  static final long MAX_REDEMPTION_COUNTERS = 10_000_000;

  /** Settings with the default redeemers and cap per redeemer: for races of debits and quotas. */
  public RaceSettings(
      List<Strategy> strategies,
      List<Integer> clients,
      long opsPerClient,
      AccountChoice accounts,
      long amount,
      long initialBalance,
      long cap,
      RetryPolicy retry,
      IntFunction<Gap> naiveGap) {
    this(
        strategies,
        clients,
        opsPerClient,
        accounts,
        amount,
        initialBalance,
        cap,
        0,
        DEFAULT_REDEEMERS,
        retry,
        naiveGap);
  }

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
    if (redeemers < 1 || redeemers > MAX_REDEEMERS) {
      throw new IllegalArgumentException(
          "redeemers must be between 1 and " + MAX_REDEEMERS + ", was " + redeemers);
    }
    if (perRedeemer < 0) {
      throw new IllegalArgumentException(
          "the cap per redeemer can not be negative (0: twice the cap shared among the"
              + " redeemers), was "
              + perRedeemer);
    }
    if (strategies.stream().anyMatch(Strategy::code)
        && (long) accounts.count() * redeemers > MAX_REDEMPTION_COUNTERS) {
      throw new IllegalArgumentException(
          "codes times redeemers can not pass " + MAX_REDEMPTION_COUNTERS);
    }
    for (int c : clients) {
      long total = capAt(cap, c, opsPerClient, accounts);
      if (strategies.stream().anyMatch(Strategy::code) && perRedeemer > total) {
        throw new IllegalArgumentException(
            "the cap per redeemer ("
                + perRedeemer
                + ") can not be above the code's cap ("
                + total
                + (cap > 0 ? "" : " at " + c + " clients")
                + ")");
      }
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
    return capAt(cap, clients, opsPerClient, accounts);
  }

  private static long capAt(long cap, int clients, long opsPerClient, AccountChoice accounts) {
    if (cap > 0) {
      return cap;
    }
    return Math.max(1, clients * opsPerClient / accounts.count() / 2);
  }

  /**
   * Each account's daily limit at {@code clients}, in minor units: the cap given, or half what the
   * debits an account gets ask for on average ({@link #amount} times {@link #capAt}), so that they
   * ask for twice the limit.
   */
  public long limitAt(int clients) {
    return cap > 0 ? cap : Math.multiplyExact(amount, capAt(clients));
  }

  /**
   * Each code's cap per redeemer at {@code clients}: the one given, or twice the code's cap shared
   * among the redeemers (at least 1, at most the code's cap). The redeemers' caps then add up to
   * twice the code's, so the code's cap binds in the end, while the busiest redeemers, drawn far
   * more often than the others, reach their own first.
   */
  public long perRedeemerAt(int clients) {
    long total = capAt(clients);
    if (perRedeemer > 0) {
      return perRedeemer;
    }
    return Math.min(total, Math.max(1, 2 * total / redeemers));
  }

  /** Whether any strategy consumes a quota. */
  public boolean quotas() {
    return strategies.stream().anyMatch(Strategy::quota);
  }

  /** Whether any strategy redeems codes. */
  public boolean codes() {
    return strategies.stream().anyMatch(Strategy::code);
  }

  /** Whether any strategy spends under a daily limit. */
  public boolean velocities() {
    return strategies.stream().anyMatch(Strategy::velocity);
  }

  /**
   * How many requests (debits, consumptions, redemptions) the whole race sends, for the progress
   * bar.
   */
  public long totalOps() {
    return strategies.size() * opsPerClient * clients.stream().mapToLong(Integer::longValue).sum();
  }
}
