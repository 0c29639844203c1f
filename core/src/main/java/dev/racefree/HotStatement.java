package dev.racefree;

import java.util.List;

/**
 * One statement racefree sends on a hot path, exactly as it sends it for a given set of jOOQ
 * settings: for a DBA to review, or for a benchmark baseline to send the same text.
 *
 * @param name {@code debit}, {@code credit}, {@code lock} or {@code lock_nowait}
 * @param sql the SQL with JDBC {@code ?} placeholders
 * @param parameters the role bound at each placeholder, in order: {@code account_id}, {@code delta}
 *     (signed change), {@code limit} ({@code balance >= limit} for a debit, {@code balance <=
 *     limit} for a credit), {@code entry_amount} (the journaled amount, equal to delta), {@code
 *     entry_kind} (a {@code racefree.entry_kind} label), {@code correlation_id} (uuid or null),
 *     {@code idempotency_key_id} (bigint or null)
 */
public record HotStatement(String name, String sql, List<String> parameters) {

  /** Copies {@code parameters}. */
  public HotStatement {
    parameters = List.copyOf(parameters);
  }
}
