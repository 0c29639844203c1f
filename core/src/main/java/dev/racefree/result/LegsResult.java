package dev.racefree.result;

import dev.racefree.Transfers;

/** The outcome of {@link Transfers#transfer}: every leg applied, or none. */
public sealed interface LegsResult permits LegsTransferred, LegRefused {}
