package dev.racefree;

import java.util.List;

/**
 * One statement racefree sends on a hot path, exactly as it sends it for a given set of jOOQ
 * settings: for a DBA to review, or for a benchmark baseline to send the same text.
 *
 * @param name {@code debit}, {@code credit}, {@code lock} or {@code lock_nowait}
 * @param sql the SQL with JDBC {@code ?} placeholders
 * @param parameters the role bound at each placeholder, in order of the placeholders (read them
 *     from this list, not from this description): {@code account_id}; {@code delta} (the signed
 *     change to the balance); {@code limit} (the amount the account must make room for: a debit
 *     passes when {@code balance - held - min_balance >= limit}, a credit when {@code
 *     coalesce(max_balance, 2^63 - 1) - balance >= limit}, both computed in {@code numeric});
 *     {@code entry_amount} (the journaled amount, equal to delta); {@code entry_kind} (a {@code
 *     racefree.entry_kind} label); {@code correlation_id} (uuid or null); {@code
 *     idempotency_key_id} (bigint or null)
 */
public record HotStatement(String name, String sql, List<String> parameters) {

  /** Copies {@code parameters}. */
  public HotStatement {
    parameters = List.copyOf(parameters);
  }
}
