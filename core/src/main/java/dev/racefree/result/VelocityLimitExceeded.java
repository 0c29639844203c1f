package dev.racefree.result;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Rejected: the spend does not fit velocity limit {@code limit} of account {@code accountId}.
 * Nothing was changed, nothing was counted.
 *
 * @param measure whether the limit's amount or its count refused
 * @param used what the period counts already: an amount, or a number of spends
 * @param remaining what still fits, in the same measure
 * @param resetsAt when the period's usage next falls: the end of a calendar period, or when the
 *     oldest counted bucket of a rolling window leaves it; {@code null} for a total
 */
public record VelocityLimitExceeded(
    long accountId,
    String limit,
    Measure measure,
    long used,
    long remaining,
    @Nullable Instant resetsAt)
    implements SpendRefusal, DebitUpToResult {

  /** What a velocity limit caps. */
  public enum Measure {
    /** The amount the period's spends take. */
    AMOUNT,
    /** How many spends the period has. */
    COUNT
  }
}
