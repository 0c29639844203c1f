package dev.racefree.result;

/**
 * Rejected: the account is frozen, and takes no debit, hold or outgoing transfer. Nothing was
 * changed.
 */
public record AccountFrozen(long accountId) implements FundsRefusal, DebitUpToResult {}
