package dev.racefree.result;

/**
 * The units are reserved: counted now, kept once confirmed, given back when released or expired;
 * {@code remaining} more fit the cap in the period now.
 */
public record Reserved(long reservationId, long remaining) implements ReservationResult {}
