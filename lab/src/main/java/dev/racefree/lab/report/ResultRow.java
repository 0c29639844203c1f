package dev.racefree.lab.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.racefree.BatchStats;
import dev.racefree.lab.strategies.Strategy;
import org.jspecify.annotations.Nullable;

/**
 * One measured run, the same shape for {@code race} and {@code bench}. In JSON its parts are
 * unwrapped into one flat object (the JSON contract: add fields, never rename them).
 *
 * @param run what ran
 * @param throughput how fast it went
 * @param requests what its requests came to
 * @param balances the money invariants
 * @param ratio (bench rows of a baseline only, else null) racefree's throughput divided by this
 *     row's
 * @param skipped (a bench point that did not run only, else null) why: the server cannot hold its
 *     connections; such a row has no latencies and its counts are 0
 * @param batchSizes (batched rows only, else null) how the batches went
 * @param quota (quota race rows only, else null) units consumed against the cap; the balances count
 *     each counter as its cap, less one for each unit consumed
 * @param code (code race rows only, else null) redemptions against the caps; the balances count
 *     each code as its cap, less one for each use its {@code uses} counts
 * @param velocity (velocity race rows only, else null) what the debits took against each account's
 *     daily limit; the balances are the accounts' own
 */
@JsonPropertyOrder({
  "run",
  "throughput",
  "requests",
  "balances",
  "ratio",
  "skipped",
  "batchSizes",
  "quota",
  "code",
  "velocity"
})
public record ResultRow(
    @JsonUnwrapped Run run,
    @JsonUnwrapped Throughput throughput,
    @JsonUnwrapped Requests requests,
    @JsonUnwrapped Balances balances,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double ratio,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String skipped,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable BatchStats batchSizes,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable QuotaUse quota,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable CodeUse code,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable VelocityUse velocity) {

  /** A measured run, compared with nothing yet. */
  public static ResultRow measured(
      Run run, Throughput throughput, Requests requests, Balances balances) {
    return new ResultRow(run, throughput, requests, balances, null, null, null, null, null, null);
  }

  /** A bench point that did not run, and why: nothing sent, nothing moved. */
  public static ResultRow skipped(Run run, String reason) {
    return new ResultRow(
        run, Throughput.NONE, Requests.NONE, Balances.NONE, null, reason, null, null, null, null);
  }

  /** Whether this row was measured (not skipped). */
  public boolean ran() {
    return skipped == null;
  }

  /**
   * Whether racefree itself ran this row with one of its own strategies (not naive, naive-quota,
   * naive-code or naive-velocity, not a baseline).
   */
  public boolean racefreeStrategy() {
    return run.baseline() == null && Strategy.racefree(run.strategy());
  }

  /** Whether this row breaks a guarantee racefree makes. */
  public boolean brokeInvariant() {
    return racefreeStrategy() && !balances.exact();
  }

  /** This row as a baseline of {@code racefree}'s row: its ratio is racefree's ops/s over this. */
  public ResultRow comparedWith(ResultRow racefree) {
    double own = throughput.opsPerSecond();
    Double r = own == 0 ? null : racefree.throughput().opsPerSecond() / own;
    return new ResultRow(
        run, throughput, requests, balances, r, skipped, batchSizes, quota, code, velocity);
  }

  /** This row with how its batches went. */
  public ResultRow withBatchSizes(BatchStats sizes) {
    return new ResultRow(
        run, throughput, requests, balances, ratio, skipped, sizes, quota, code, velocity);
  }

  /**
   * This row (of another strategy, or of a baseline) as a baseline of {@code strategy}: the bench
   * compares batched debits with the atomic debit's rows measured at the same point.
   */
  public ResultRow asBaselineOf(String strategy, String baseline) {
    return new ResultRow(
        run.labelled(strategy, baseline),
        throughput,
        requests,
        balances,
        null,
        skipped,
        null,
        null,
        null,
        null);
  }

  /** This row with what its quota counters came to. */
  public ResultRow withQuota(QuotaUse use) {
    return new ResultRow(
        run, throughput, requests, balances, ratio, skipped, batchSizes, use, code, velocity);
  }

  /** This row with what its codes came to. */
  public ResultRow withCode(CodeUse use) {
    return new ResultRow(
        run, throughput, requests, balances, ratio, skipped, batchSizes, quota, use, velocity);
  }

  /** This row with what its daily limits came to. */
  public ResultRow withVelocity(VelocityUse use) {
    return new ResultRow(
        run, throughput, requests, balances, ratio, skipped, batchSizes, quota, code, use);
  }
}
