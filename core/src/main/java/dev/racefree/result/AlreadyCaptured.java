package dev.racefree.result;

/** Rejected: the hold was captured already, for {@code captured}. Nothing was changed. */
public record AlreadyCaptured(long holdId, long captured) implements HoldRefusal {}
