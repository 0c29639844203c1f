package dev.racefree.lab.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.jspecify.annotations.Nullable;

/**
 * The money invariants of a run, in minor units, over the run's accounts.
 *
 * @param expectedBalance the total the successful debits say must be left
 * @param actualBalance the total read back
 * @param lostUpdates {@code actualBalance - expectedBalance}: money that should have left the
 *     accounts and did not
 * @param invariantViolations accounts whose balance is not exactly what their successful debits
 *     say, or is negative, and, for racefree's strategies, accounts that {@code Racefree.verify()}
 *     flagged (a bench, which checks totals only, counts 1 when the totals differ)
 * @param ledgerMismatches (race only, else null) the run's accounts that {@code verify()} flagged:
 *     balance not the sum of its ledger entries, or negative; naive writes no entries, so its own
 *     accounts show up there by design
 */
@JsonPropertyOrder({
  "expectedBalance",
  "actualBalance",
  "lostUpdates",
  "invariantViolations",
  "ledgerMismatches"
})
public record Balances(
    long expectedBalance,
    long actualBalance,
    long lostUpdates,
    long invariantViolations,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long ledgerMismatches) {

  /** Nothing ran, so nothing moved. */
  public static final Balances NONE = new Balances(0, 0, 0, 0, null);

  /** Balances whose lost updates are what {@code actual} holds beyond {@code expected}. */
  public static Balances of(
      long expected, long actual, long invariantViolations, @Nullable Long ledgerMismatches) {
    return new Balances(expected, actual, actual - expected, invariantViolations, ledgerMismatches);
  }

  /** Whether every balance came out exactly as the successful debits say. */
  public boolean exact() {
    return lostUpdates == 0 && invariantViolations == 0;
  }
}
