package dev.racefree.lab.queries;

import dev.racefree.EntryPage;
import dev.racefree.EntryQuery;
import dev.racefree.EntryQuery.Direction;
import dev.racefree.Ledger;
import dev.racefree.Racefree;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Each of the ledger's queries, run one at a time through racefree's API on one connection: a few
 * warm-up runs, then {@code runs} measured ones (fewer when a query's runs pass the time budget),
 * each with other arguments (another account, code, reference, posting, instant), so that no run
 * only re-reads the pages of the one before.
 */
public final class QueryLatency {

  /** Runs before measuring. */
  static final int WARM_UP = 10;

  /** One query's latencies, in microseconds. */
  public record Latency(String query, int runs, double medianMicros, double p99Micros) {}

  private record Case(String name, IntConsumer run) {}

  private QueryLatency() {}

  /**
   * Measures every query over the journal {@link QueryJournal} built with {@code entries} entries
   * and {@code accounts} internal accounts; {@code budget}: how long one query's runs may take
   * before it stops early (after at least 20).
   */
  public static List<Latency> measure(
      Racefree rf, QueryJournal.Ids ids, int entries, int accounts, int runs, Duration budget) {
    Ledger ledger = rf.ledger();
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    Instant end = start.plusSeconds(entries);
    int hours = Math.max(1, entries / 3600 / 100); // a 1% time range
    List<Case> cases = new ArrayList<>();
    cases.add(
        new Case(
            "account, first page",
            i -> ledger.entries(EntryQuery.byAccount(account(ids, i, accounts)), 100)));
    cases.add(
        new Case(
            "account, 4th page",
            i -> nth(ledger, EntryQuery.byAccount(account(ids, i, accounts)), 4)));
    cases.add(
        new Case(
            "account, 1% of time, money in, one code",
            i ->
                ledger.entries(
                    EntryQuery.byAccount(account(ids, i, accounts))
                        .between(at(start, end, i), at(start, end, i).plusSeconds(hours * 3600L))
                        .direction(Direction.IN)
                        .code(code(i)),
                    100)));
    cases.add(
        new Case(
            "account and internal counterparty",
            i -> {
              long a = ids.firstInternal() + (i * 7919L) % accounts;
              long b =
                  ids.firstInternal() + (a - ids.firstInternal() + 5L * (1 + i % 7)) % accounts;
              ledger.entries(EntryQuery.byAccount(a).counterparty(b), 100);
            }));
    cases.add(
        new Case(
            "account and external counterparty",
            i ->
                ledger.entries(
                    EntryQuery.byAccount(account(ids, i, accounts)).counterparty(external(ids, i)),
                    100)));
    cases.add(
        new Case(
            "external counterparty, first page",
            i -> ledger.entries(EntryQuery.byCounterparty(external(ids, i)), 100)));
    cases.add(
        new Case(
            "external counterparty, 1% of time, money out",
            i ->
                ledger.entries(
                    EntryQuery.byCounterparty(external(ids, i))
                        .between(at(start, end, i), at(start, end, i).plusSeconds(hours * 3600L))
                        .direction(Direction.OUT),
                    100)));
    cases.add(new Case("code, first page", i -> ledger.entries(EntryQuery.byCode(code(i)), 100)));
    cases.add(
        new Case(
            "code, 1% of time",
            i ->
                ledger.entries(
                    EntryQuery.byCode(code(i))
                        .between(at(start, end, i), at(start, end, i).plusSeconds(hours * 3600L)),
                    100)));
    cases.add(
        new Case(
            "reference",
            i -> ledger.entries(EntryQuery.byReference("ref-" + half(entries, i)), 100)));
    cases.add(
        new Case(
            "reference in one account",
            i -> {
              long g = 2 * half(entries, i) + 1;
              ledger.entries(
                  EntryQuery.byReference("ref-" + half(entries, i))
                      .account(QueryJournal.accountOf(ids, g, accounts)),
                  100);
            }));
    cases.add(new Case("posting", i -> ledger.posting(QueryJournal.posting(half(entries, i)))));
    cases.add(
        new Case(
            "balances of 100 internal accounts",
            i -> {
              List<Long> many = new ArrayList<>();
              for (int k = 0; k < 100; k++) {
                many.add(ids.firstInternal() + ((long) i * 100 + k) % accounts);
              }
              ledger.balances(many);
            }));
    cases.add(
        new Case(
            "balanceAt, internal account",
            i -> ledger.balanceAt(account(ids, i, accounts), at(start, end, i))));
    cases.add(
        new Case(
            "balanceAt, external account (derived)",
            i -> ledger.balanceAt(external(ids, i), at(start, end, i))));
    cases.add(new Case("totalsAt, every currency", i -> ledger.totalsAt(at(start, end, i))));
    List<Latency> latencies = new ArrayList<>();
    for (Case c : cases) {
      latencies.add(time(c, runs, budget));
    }
    return latencies;
  }

  private static Latency time(Case c, int runs, Duration budget) {
    for (int i = 0; i < WARM_UP; i++) {
      c.run().accept(1_000_000 + i);
    }
    long[] nanos = new long[runs];
    long deadline = System.nanoTime() + budget.toNanos();
    int n = 0;
    while (n < runs && (n < 20 || System.nanoTime() < deadline)) {
      long t0 = System.nanoTime();
      c.run().accept(n);
      nanos[n++] = System.nanoTime() - t0;
    }
    long[] done = Arrays.copyOf(nanos, n);
    Arrays.sort(done);
    return new Latency(
        c.name(), n, done[n / 2] / 1e3, done[Math.max(0, (int) Math.ceil(0.99 * n) - 1)] / 1e3);
  }

  /** One of the internal accounts, another for each run. */
  private static long account(QueryJournal.Ids ids, int i, int accounts) {
    return ids.firstInternal() + (i * 7919L) % accounts;
  }

  /** The page {@code n} (from 1) of {@code q}, read page by page. */
  private static EntryPage nth(Ledger ledger, EntryQuery q, int n) {
    EntryPage page = ledger.entries(q, 100);
    for (int k = 1; k < n && page.next() != null; k++) {
      page = ledger.entries(q, 100, Objects.requireNonNull(page.next()));
    }
    return page;
  }

  private static long external(QueryJournal.Ids ids, int i) {
    return i % 2 == 0 ? ids.externalEur() : ids.pspEur();
  }

  /** One of the journal's 40 codes (never a multiple of 5). */
  private static int code(int i) {
    int c = i % 50;
    return c % 5 == 0 ? c + 1 : c;
  }

  private static long half(int entries, int i) {
    return 1 + (i * 104_729L) % (entries / 2 - 1);
  }

  /**
   * An instant in the first 98% of the journal's time, spread evenly over it whatever its size (the
   * fractional parts of multiples of the golden ratio).
   */
  private static Instant at(Instant start, Instant end, int i) {
    long span = end.getEpochSecond() - start.getEpochSecond();
    double fraction = (i * 0.6180339887498949) % 1.0;
    return start.plusSeconds((long) (fraction * span * 0.98));
  }
}
