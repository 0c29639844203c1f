package dev.racefree.result;

import dev.racefree.Quotas;

/**
 * The outcome of {@link Quotas#confirm} and {@link Quotas#release(long)}: every case but {@link
 * ReservationConfirmed} and {@link ReservationReleased} changed nothing.
 */
public sealed interface ReservationEndResult
    permits ReservationConfirmed, ReservationReleased, ReservationNotActive, UnknownReservation {}
