package dev.racefree.result;

import dev.racefree.Ledger;

/**
 * The outcome of {@link Ledger#importPostings}: every posting written, or none. Every case but
 * {@link Imported} changed nothing.
 */
public sealed interface ImportResult permits Imported, ImportRefused, EventTimeRefused {}
