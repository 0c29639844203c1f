package dev.racefree.internal.sql;

import dev.racefree.HotStatement;
import org.jooq.DataType;
import org.jooq.Param;
import org.jooq.impl.DSL;

/**
 * What a bind position of a hot statement carries. Each role is a named jOOQ parameter whose name
 * is the role's, so a statement's positions are read back by name ({@code Query.getParams()}),
 * never guessed from marker values. A role occurs at most once per statement: a repeated name would
 * collapse to one entry.
 */
public enum Role {
  /** The account's id. */
  ACCOUNT_ID,
  /**
   * The signed change to the balance: {@code -amount} for a debit, {@code +amount} for a credit.
   */
  DELTA,
  /** The bound the balance is checked against before the change. */
  LIMIT,
  /** The signed amount journaled in the ledger entry, equal to {@link #DELTA}. */
  ENTRY_AMOUNT,
  /**
   * The amount a debit counts against the account's velocity limits: its amount, or {@code null}
   * for a debit that is no spend (a reversal). Debits only.
   */
  SPENT,
  /** The ledger entry's kind, a {@code racefree.entry_kind} label. */
  ENTRY_KIND,
  /** The transfer the entry belongs to, or {@code null}. */
  CORRELATION_ID,
  /** The idempotency key the change ran under, or {@code null}. */
  IDEMPOTENCY_KEY_ID,
  /** The posting the entry is a side of. */
  POSTING_ID,
  /** The posting's other account, or {@code null} for the account's default external account. */
  COUNTERPARTY_ID,
  /** The caller's reference, or {@code null}. */
  REFERENCE,
  /** Whether the reference is unique per account. */
  UNIQUE_REFERENCE,
  /** The caller's code, or {@code null}. */
  CODE,
  /** The metadata's keys, in key order, or {@code null}. */
  METADATA_KEYS,
  /** The metadata's values, in the order of {@link #METADATA_KEYS}, or {@code null}. */
  METADATA_VALUES;

  /** The parameter's name, also what {@link HotStatement#parameters()} lists. */
  public String paramName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** A named parameter of {@code type} for this role, to build a statement with. */
  public <T> Param<T> param(DataType<T> type) {
    return DSL.param(paramName(), type);
  }
}
