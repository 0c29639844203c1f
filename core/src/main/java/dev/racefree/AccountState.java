package dev.racefree;

/** Where an account is in its life; see {@link Lifecycle}. */
public enum AccountState {
  /** Every change. */
  OPEN,
  /**
   * Credits, and captures or releases of holds already in place; no debit, hold or outgoing
   * transfer.
   */
  FROZEN,
  /** No change at all; reached only at zero balance with no active holds, and never left. */
  CLOSED
}
