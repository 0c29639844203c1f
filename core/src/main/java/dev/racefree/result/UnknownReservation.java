package dev.racefree.result;

/** Rejected: no reservation has this id. */
public record UnknownReservation(long reservationId) implements ReservationEndResult {}
