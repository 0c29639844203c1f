package dev.racefree.result;

import dev.racefree.Quotas;

/** The outcome of {@link Quotas#reserve}. {@link QuotaExhausted} changed nothing. */
public sealed interface ReservationResult permits Reserved, QuotaExhausted {}
