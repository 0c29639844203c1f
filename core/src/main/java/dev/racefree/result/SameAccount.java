package dev.racefree.result;

/** Rejected before any SQL: a transfer needs two different accounts. */
public record SameAccount(long id) implements TransferResult, HoldResult {}
