package dev.racefree.result;

/** Rejected: the reservation ended already, as {@code ended} says. Nothing was changed. */
public record ReservationNotActive(long reservationId, Ended ended)
    implements ReservationEndResult {

  /** How a reservation ended. */
  public enum Ended {
    /** Confirmed: its units stay counted. */
    CONFIRMED,
    /** Released: its units were given back. */
    RELEASED,
    /** Expired before it was confirmed: its units were given back. */
    EXPIRED
  }
}
