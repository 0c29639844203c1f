package dev.racefree.result;

import java.util.Map;
import java.util.UUID;

/**
 * Every leg was applied, all journaled under {@code correlationId}; {@code balances} maps each
 * account the legs touched to its balance right after.
 */
public record LegsTransferred(UUID correlationId, Map<Long, Long> balances) implements LegsResult {

  /** Copies the map. */
  public LegsTransferred {
    balances = Map.copyOf(balances);
  }
}
