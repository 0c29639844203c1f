package dev.racefree.result;

import dev.racefree.Quotas;

/** The outcome of {@link Quotas#consume}. {@link QuotaExhausted} changed nothing. */
public sealed interface QuotaResult permits Consumed, QuotaExhausted {}
