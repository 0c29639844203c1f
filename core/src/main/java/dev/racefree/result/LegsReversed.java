package dev.racefree.result;

import java.util.Map;
import java.util.UUID;

/**
 * A multi-leg transfer was reversed: every account it touched got back what the transfer moved, as
 * reversal entries under {@code reversalId}; {@code balances} maps each account the reversal
 * changed to its balance right after. A two-entry transfer (a plain transfer, or legs that come to
 * one) answers {@link Reversed} instead.
 */
public record LegsReversed(UUID reversalId, Map<Long, Long> balances) implements ReverseResult {

  /** Copies the map. */
  public LegsReversed {
    balances = Map.copyOf(balances);
  }
}
