package dev.racefree;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One currency's books at an instant ({@link Ledger#totalsAt}): what the internal accounts hold
 * together, and the derived balance of each external account. Every posting's sides sum to zero, so
 * {@link #sum()} is 0 for books that balance.
 *
 * @param currency an ISO 4217 code
 * @param internal the sum of the internal accounts' balances
 * @param external each external account's derived balance (the sum of its sides of the postings
 *     against it: negative when more came in from it than went out to it), by account id
 */
public record CurrencyTotals(String currency, long internal, Map<Long, Long> external) {

  /** Copies the map, ordered by account id. */
  public CurrencyTotals {
    external = Collections.unmodifiableMap(new TreeMap<>(external));
  }

  /** The internal total plus every external balance: 0 when the books balance. */
  public long sum() {
    long sum = internal;
    for (long balance : external.values()) {
      sum = Math.addExact(sum, balance);
    }
    return sum;
  }
}
