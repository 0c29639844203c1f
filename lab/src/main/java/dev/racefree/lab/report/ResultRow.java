package dev.racefree.lab.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.racefree.BatchStats;
import dev.racefree.lab.strategies.Strategy;

/**
 * One measured run, the same shape for {@code race} and {@code bench} (the JSON contract: add
 * fields, never rename them). Balances are in minor units. {@code lostUpdates = actualBalance -
 * expectedBalance}: money that should have left the accounts and did not. {@code
 * invariantViolations} counts accounts whose balance is not exactly what their successful debits
 * say, or is negative, and, for racefree's strategies, accounts that {@code Racefree.verify()}
 * flagged. {@code ledgerMismatches} (race rows only) counts the accounts of the run that {@code
 * verify()} flagged: balance not the sum of its ledger entries, or negative; naive writes no
 * entries, so its own accounts show up there by design. {@code baseline} and {@code ratio} are only
 * in bench rows of a baseline: {@code ratio} is racefree's throughput divided by this row's. {@code
 * skipped} is only in a bench row of a point that did not run, and says why (the server cannot hold
 * its connections); such a row has no latencies and its counts are 0.
 */
@JsonPropertyOrder({
  "strategy",
  "clients",
  "accounts",
  "ops",
  "opsPerSecond",
  "p50Ms",
  "p99Ms",
  "succeeded",
  "rejected",
  "retries",
  "deadlocks",
  "errors",
  "expectedBalance",
  "actualBalance",
  "lostUpdates",
  "invariantViolations",
  "baseline",
  "ratio",
  "ledgerMismatches",
  "skipped",
  "batchSizes"
})
public record ResultRow(
    String strategy,
    int clients,
    int accounts,
    long ops,
    double opsPerSecond,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double p50Ms,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double p99Ms,
    long succeeded,
    long rejected,
    long retries,
    long deadlocks,
    long errors,
    long expectedBalance,
    long actualBalance,
    long lostUpdates,
    long invariantViolations,
    @JsonInclude(JsonInclude.Include.NON_NULL) String baseline,
    @JsonInclude(JsonInclude.Include.NON_NULL) Double ratio,
    @JsonInclude(JsonInclude.Include.NON_NULL) Long ledgerMismatches,
    @JsonInclude(JsonInclude.Include.NON_NULL) String skipped,
    @JsonInclude(JsonInclude.Include.NON_NULL) BatchStats batchSizes) {

  /** A bench point that did not run, and why. */
  public static ResultRow skipped(String strategy, int clients, int accounts, String reason) {
    return new ResultRow(
        strategy, clients, accounts, 0, 0, null, null, 0, 0, 0, 0, 0, 0, 0, 0, 0, null, null, null,
        reason, null);
  }

  /** Whether this row was measured (not skipped). */
  public boolean ran() {
    return skipped == null;
  }

  /** Who ran the statements: racefree itself, or the baseline it is compared with. */
  public String runner() {
    return baseline == null ? "racefree" : baseline;
  }

  /**
   * Whether racefree itself ran this row with one of its own strategies (not naive, not a
   * baseline).
   */
  public boolean racefreeStrategy() {
    return baseline == null && !Strategy.NAIVE.label().equals(strategy);
  }

  /** Whether this row breaks a guarantee racefree makes. */
  public boolean brokeInvariant() {
    return racefreeStrategy() && (invariantViolations != 0 || lostUpdates != 0);
  }

  /** This row as a baseline of {@code racefree}'s row: its ratio is racefree's ops/s over this. */
  public ResultRow comparedWith(ResultRow racefree) {
    Double r = opsPerSecond == 0 ? null : racefree.opsPerSecond() / opsPerSecond;
    return with(strategy, baseline, r, batchSizes);
  }

  /** This row with how its batches went. */
  public ResultRow withBatchSizes(BatchStats sizes) {
    return with(strategy, baseline, ratio, sizes);
  }

  /**
   * This row (of another strategy, or of a baseline) as a baseline of {@code strategy}: the bench
   * compares batched debits with the atomic debit's rows measured at the same point.
   */
  public ResultRow asBaselineOf(String strategy, String baseline) {
    return with(strategy, baseline, null, null);
  }

  /** This measurement under other labels: the four fields a bench row is re-labelled by. */
  private ResultRow with(String strategy, String baseline, Double ratio, BatchStats batchSizes) {
    return new ResultRow(
        strategy,
        clients,
        accounts,
        ops,
        opsPerSecond,
        p50Ms,
        p99Ms,
        succeeded,
        rejected,
        retries,
        deadlocks,
        errors,
        expectedBalance,
        actualBalance,
        lostUpdates,
        invariantViolations,
        baseline,
        ratio,
        ledgerMismatches,
        skipped,
        batchSizes);
  }
}
