package dev.racefree.result;

/**
 * The reservation's units were given back to the window they were counted in (when the period still
 * counts it); its counter now counts {@code used} units.
 */
public record ReservationReleased(long reservationId, long used) implements ReservationEndResult {}
