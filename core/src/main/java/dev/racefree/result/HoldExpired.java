package dev.racefree.result;

/**
 * Rejected: the hold expired, by the database's clock, before this statement started. Its money is
 * available again (racefree marks it expired if no one had yet).
 */
public record HoldExpired(long holdId) implements HoldRefusal {}
