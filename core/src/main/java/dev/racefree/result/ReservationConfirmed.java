package dev.racefree.result;

/** The reservation's units stay counted, for good. */
public record ReservationConfirmed(long reservationId) implements ReservationEndResult {}
