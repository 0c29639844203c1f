package dev.racefree.result;

/** Rejected: no hold has this id. Nothing was changed. */
public record UnknownHold(long holdId) implements HoldRefusal {}
