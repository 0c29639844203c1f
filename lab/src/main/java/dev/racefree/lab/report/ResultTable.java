package dev.racefree.lab.report;

import dev.racefree.lab.strategies.Operations;
import java.io.PrintWriter;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** Prints result rows as fixed-width text tables, one per group (strategy, or workload). */
public final class ResultTable {

  private static final String RACE_HEAD =
      "%8s %9s %10s %8s %8s %9s %8s %8s %16s %16s %8s %10s %7s %9s %6s%n";
  private static final String QUOTA_HEAD =
      "%8s %9s %10s %8s %8s %9s %9s %9s %9s %8s %10s %9s %6s%n";
  private static final String CODE_HEAD =
      "%8s %9s %10s %8s %8s %8s %8s %8s %7s %7s %7s %8s %9s %8s %10s %9s %6s%n";
  private static final String VELOCITY_HEAD =
      "%8s %9s %10s %8s %8s %10s %10s %10s %9s %8s %10s %7s %9s %6s%n";
  private static final String BENCH_HEAD = "%8s %-15s %10s %8s %8s %7s %8s %10s %6s %s%n";

  private ResultTable() {}

  public static void race(PrintWriter out, List<ResultRow> rows) {
    Rows.groupBy(rows, r -> r.run().strategy())
        .forEach((strategy, group) -> {
          if (group.getFirst().quota() != null) {
            quotaGroup(out, strategy, group);
            return;
          }
          if (group.getFirst().code() != null) {
            codeGroup(out, strategy, group);
            return;
          }
          if (group.getFirst().velocity() != null) {
            velocityGroup(out, strategy, group);
            return;
          }
          out.printf(
              "%n== %s (%s) ==%n",
              strategy,
              group.getFirst().run().accounts() == 1
                  ? "1 hot account"
                  : String.format("%,d accounts", group.getFirst().run().accounts()));
          out.printf(
              RACE_HEAD,
              "clients",
              "ops",
              "ops/s",
              "p50 ms",
              "p99 ms",
              "succeeded",
              "rejected",
              "retries",
              "expected bal.",
              "actual bal.",
              "lost",
              "violations",
              "ledger",
              "deadlocks",
              "errors");
          for (ResultRow r : group) {
            out.printf(
                RACE_HEAD,
                r.run().clients(),
                r.throughput().ops(),
                fmt(r.throughput().opsPerSecond(), 0),
                fmt(r.throughput().p50Ms(), 2),
                fmt(r.throughput().p99Ms(), 2),
                r.requests().succeeded(),
                r.requests().rejected(),
                r.requests().retries(),
                r.balances().expectedBalance(),
                r.balances().actualBalance(),
                r.balances().lostUpdates(),
                r.balances().invariantViolations(),
                ledger(r),
                r.requests().deadlocks(),
                r.requests().errors());
          }
        });
    out.println();
    for (ResultRow r : rows) {
      QuotaUse quota = r.quota();
      CodeUse code = r.code();
      VelocityUse velocity = r.velocity();
      out.printf(
          "%-11s %3d clients: %s%n",
          r.run().strategy(),
          r.run().clients(),
          quota != null
              ? verdict(r, quota)
              : code != null
                  ? verdict(r, code)
                  : velocity != null ? verdict(r, velocity) : verdict(r));
    }
    if (rows.stream()
        .anyMatch(r -> r.quota() == null && r.code() == null && r.velocity() == null)) {
      out.printf(
          "%nlost = actual - expected balance, in minor units: money that should have left the"
              + " account and did not.%nexpected = initial total - amount x succeeded."
              + " violations = accounts whose balance is not exactly initial - amount x their"
              + " successes%n(or, for racefree's strategies, that verify() flagged). ledger ="
              + " accounts Racefree.verify() flagged: balance != sum(ledger entries), or"
              + " negative.%n");
    }
    if (rows.stream().anyMatch(r -> r.quota() != null)) {
      out.printf(
          "%nconsumed = units granted (%d per request that succeeded). counted = units the"
              + " counters count after the run. overrun = units granted beyond a counter's cap."
              + "%nviolations = counters that granted more than the cap, or count other than what"
              + " they granted.%n",
          Operations.QUOTA_UNITS);
    }
    if (rows.stream().anyMatch(r -> r.code() != null)) {
      out.printf(
          "%nredeemed = redemptions granted (one per request that succeeded). rows = redemption"
              + " rows the codes hold after the run; uses = what their uses count.%noverrun ="
              + " redemptions granted beyond a code's cap. over cap = redeemers granted more than"
              + " the cap per redeemer (per red.).%nexhausted, at limit = requests refused: the"
              + " code had no use left, or the redeemer had reached its cap.%nviolations = codes"
              + " that granted more than either cap, whose uses or rows count other than what they"
              + " granted, or that verify() flagged.%n");
    }
    if (rows.stream().anyMatch(r -> r.velocity() != null)) {
      out.printf(
          "%nlimit = each account's daily limit (the day in UTC), in minor units. spent = what the"
              + " debits that succeeded took; counted = what the day's spending counts after the"
              + " run%n(velocity: racefree's usage; naive-velocity: the day's debits in the ledger)."
              + " overrun = spent beyond an account's limit.%nviolations = accounts over the limit,"
              + " whose balance did not move by exactly what was spent, or whose count differs.%n");
    }
  }

  private static void velocityGroup(PrintWriter out, String strategy, List<ResultRow> group) {
    int accounts = group.getFirst().run().accounts();
    out.printf(
        "%n== %s (%s, a daily limit each) ==%n",
        strategy, accounts == 1 ? "1 hot account" : String.format("%,d accounts", accounts));
    out.printf(
        VELOCITY_HEAD,
        "clients",
        "ops",
        "ops/s",
        "p50 ms",
        "p99 ms",
        "limit",
        "spent",
        "counted",
        "overrun",
        "rejected",
        "violations",
        "ledger",
        "deadlocks",
        "errors");
    for (ResultRow r : group) {
      VelocityUse v = Objects.requireNonNull(r.velocity());
      out.printf(
          VELOCITY_HEAD,
          r.run().clients(),
          r.throughput().ops(),
          fmt(r.throughput().opsPerSecond(), 0),
          fmt(r.throughput().p50Ms(), 2),
          fmt(r.throughput().p99Ms(), 2),
          v.limit(),
          v.spent(),
          v.counted(),
          v.overrun(),
          r.requests().rejected(),
          r.balances().invariantViolations(),
          ledger(r),
          r.requests().deadlocks(),
          r.requests().errors());
    }
  }

  private static void codeGroup(PrintWriter out, String strategy, List<ResultRow> group) {
    int codes = group.getFirst().run().accounts();
    CodeUse first = Objects.requireNonNull(group.getFirst().code());
    out.printf(
        "%n== %s (%s, %,d redeemers) ==%n",
        strategy, codes == 1 ? "1 hot code" : String.format("%,d codes", codes), first.redeemers());
    out.printf(
        CODE_HEAD,
        "clients",
        "ops",
        "ops/s",
        "p50 ms",
        "p99 ms",
        "cap",
        "per red.",
        "redeemed",
        "rows",
        "uses",
        "overrun",
        "over cap",
        "exhausted",
        "at limit",
        "violations",
        "deadlocks",
        "errors");
    for (ResultRow r : group) {
      CodeUse c = Objects.requireNonNull(r.code());
      out.printf(
          CODE_HEAD,
          r.run().clients(),
          r.throughput().ops(),
          fmt(r.throughput().opsPerSecond(), 0),
          fmt(r.throughput().p50Ms(), 2),
          fmt(r.throughput().p99Ms(), 2),
          c.cap(),
          c.perRedeemer(),
          c.redeemed(),
          c.rows(),
          c.uses(),
          c.overrun(),
          c.redeemersOver(),
          c.exhausted(),
          c.atLimit(),
          r.balances().invariantViolations(),
          r.requests().deadlocks(),
          r.requests().errors());
    }
  }

  private static void quotaGroup(PrintWriter out, String strategy, List<ResultRow> group) {
    int counters = group.getFirst().run().accounts();
    out.printf(
        "%n== %s (%s) ==%n",
        strategy, counters == 1 ? "1 hot counter" : String.format("%,d counters", counters));
    out.printf(
        QUOTA_HEAD,
        "clients",
        "ops",
        "ops/s",
        "p50 ms",
        "p99 ms",
        "cap",
        "consumed",
        "counted",
        "overrun",
        "rejected",
        "violations",
        "deadlocks",
        "errors");
    for (ResultRow r : group) {
      QuotaUse q = Objects.requireNonNull(r.quota());
      out.printf(
          QUOTA_HEAD,
          r.run().clients(),
          r.throughput().ops(),
          fmt(r.throughput().opsPerSecond(), 0),
          fmt(r.throughput().p50Ms(), 2),
          fmt(r.throughput().p99Ms(), 2),
          q.cap(),
          q.consumed(),
          q.counted(),
          q.overrun(),
          r.requests().rejected(),
          r.balances().invariantViolations(),
          r.requests().deadlocks(),
          r.requests().errors());
    }
  }

  public static void bench(PrintWriter out, List<ResultRow> rows) {
    Rows.groupBy(
            rows,
            r ->
                r.run().strategy()
                    + ", "
                    + (r.run().accounts() == 1
                        ? "hot row (1 account)"
                        : String.format("%,d accounts, uniform", r.run().accounts())))
        .forEach((title, group) -> {
          out.printf("%n== %s ==%n", title);
          out.printf(
              BENCH_HEAD,
              "clients",
              "runner",
              "ops/s",
              "p50 ms",
              "p99 ms",
              "ratio",
              "lost",
              "violations",
              "errors",
              "batch p50/p99/max");
          for (ResultRow r : group) {
            if (!r.ran()) {
              out.printf(
                  "%8s %-15s %s%n", r.run().clients(), r.run().runner() + " skipped", r.skipped());
              continue;
            }
            out.printf(
                BENCH_HEAD,
                r.run().clients(),
                r.run().runner(),
                fmt(r.throughput().opsPerSecond(), 0),
                fmt(r.throughput().p50Ms(), 2),
                fmt(r.throughput().p99Ms(), 2),
                r.ratio() == null ? "" : fmt(r.ratio(), 2),
                r.balances().lostUpdates(),
                r.balances().invariantViolations(),
                r.requests().errors(),
                r.batchSizes() == null
                    ? ""
                    : r.batchSizes().p50()
                        + "/"
                        + r.batchSizes().p99()
                        + "/"
                        + r.batchSizes().max());
          }
        });
    out.printf(
        "%nratio = racefree ops/s / baseline ops/s, measured back to back at the same point"
            + " (1.00 = no overhead; below 1 = racefree is slower). batched and quota rows compare"
            + " with the atomic debit's rows at the same point.%n");
  }

  private static String verdict(ResultRow r) {
    if (r.balances().lostUpdates() == 0 && r.balances().invariantViolations() == 0) {
      return "exact: "
          + r.requests().succeeded()
          + " debits succeeded, the balance moved by exactly that"
          + ledgerNote(r);
    }
    return String.format(
        "%s %,d minor units that %,d \"successful\" debits should have taken are still in"
            + " the account(s)%s%s",
        r.racefreeStrategy() ? "BROKEN:" : "LOST UPDATES:",
        r.balances().lostUpdates(),
        r.requests().succeeded(),
        r.racefreeStrategy() ? "" : " (expected: this is the bug racefree prevents)",
        ledgerNote(r));
  }

  private static String verdict(ResultRow r, QuotaUse q) {
    int counters = r.run().accounts();
    String cap =
        counters == 1
            ? String.format("a cap of %,d", q.cap())
            : String.format("caps of %,d on %,d counters", q.cap(), counters);
    if (r.balances().exact()) {
      return String.format(
          "within the cap: %,d units consumed, %s, and counted exactly", q.consumed(), cap);
    }
    String expected = r.racefreeStrategy() ? "" : " (expected: this is the bug racefree prevents)";
    String counted =
        String.format(
            counters == 1 ? "the counter counts %,d" : "the counters count %,d", q.counted());
    if (q.overrun() > 0) {
      return String.format(
          "%s %,d units consumed against %s: %,d over; %s%s",
          r.racefreeStrategy() ? "BROKEN:" : "OVERRAN:",
          q.consumed(),
          cap,
          q.overrun(),
          counted,
          expected);
    }
    return String.format(
        "%s %,d units consumed against %s, but %s%s",
        r.racefreeStrategy() ? "BROKEN:" : "MISCOUNTED:", q.consumed(), cap, counted, expected);
  }

  private static String verdict(ResultRow r, CodeUse c) {
    int codes = r.run().accounts();
    String caps =
        codes == 1
            ? String.format("a cap of %,d and %,d per redeemer", c.cap(), c.perRedeemer())
            : String.format(
                "caps of %,d and %,d per redeemer on %,d codes", c.cap(), c.perRedeemer(), codes);
    if (r.balances().exact()) {
      return String.format(
          "within the caps: %,d redeemed against %s, and counted exactly", c.redeemed(), caps);
    }
    String expected = r.racefreeStrategy() ? "" : " (expected: this is the bug racefree prevents)";
    String counted =
        String.format(
            "%s %,d and %,d rows",
            codes == 1 ? "its uses count" : "their uses count", c.uses(), c.rows());
    if (c.overrun() > 0 || c.redeemersOver() > 0) {
      return String.format(
          "%s %,d redeemed against %s: %,d over the cap, %,d redeemer(s) over theirs; %s%s",
          r.racefreeStrategy() ? "BROKEN:" : "OVERRAN:",
          c.redeemed(),
          caps,
          c.overrun(),
          c.redeemersOver(),
          counted,
          expected);
    }
    return String.format(
        "%s %,d redeemed against %s, but %s%s",
        r.racefreeStrategy() ? "BROKEN:" : "MISCOUNTED:", c.redeemed(), caps, counted, expected);
  }

  private static String verdict(ResultRow r, VelocityUse v) {
    int accounts = r.run().accounts();
    String limit =
        accounts == 1
            ? String.format("a daily limit of %,d", v.limit())
            : String.format("daily limits of %,d on %,d accounts", v.limit(), accounts);
    if (r.balances().exact()) {
      return String.format(
          "within the limit: %,d debits took %,d against %s, and the balance moved by exactly that",
          r.requests().succeeded(), v.spent(), limit);
    }
    String expected = r.racefreeStrategy() ? "" : " (expected: this is the bug racefree prevents)";
    if (v.overrun() > 0) {
      return String.format(
          "%s %,d debits took %,d against %s: %,d over%s%s",
          r.racefreeStrategy() ? "BROKEN:" : "OVERRAN:",
          r.requests().succeeded(),
          v.spent(),
          limit,
          v.overrun(),
          expected,
          ledgerNote(r));
    }
    return String.format(
        "%s %,d debits took %,d against %s, but the day counts %,d and %,d minor units are"
            + " unaccounted for%s%s",
        r.racefreeStrategy() ? "BROKEN:" : "MISCOUNTED:",
        r.requests().succeeded(),
        v.spent(),
        limit,
        v.counted(),
        r.balances().lostUpdates(),
        expected,
        ledgerNote(r));
  }

  private static String ledger(ResultRow r) {
    return r.balances().ledgerMismatches() == null
        ? "n/a"
        : String.valueOf(r.balances().ledgerMismatches());
  }

  private static String ledgerNote(ResultRow r) {
    if (r.balances().ledgerMismatches() == null || r.balances().ledgerMismatches() == 0) {
      return "";
    }
    return String.format(
        "; verify() flags %,d account(s) whose balance is not the sum of its ledger entries%s",
        r.balances().ledgerMismatches(), r.racefreeStrategy() ? "" : " (naive writes no entries)");
  }

  private static String fmt(@Nullable Double value, int decimals) {
    return value == null ? "n/a" : String.format("%,." + decimals + "f", value);
  }
}
