package dev.racefree.result;

/** Rejected: the hold was released already. Nothing was changed. */
public record AlreadyReleased(long holdId) implements HoldRefusal {}
