/**
 * The {@code queries} lab: builds a journal of a given size set-based ({@link
 * dev.racefree.lab.queries.QueryJournal}) and measures the latency of each of the ledger's queries
 * through racefree's API ({@link dev.racefree.lab.queries.QueryLatency}), to show how each grows
 * with the journal.
 */
@NullMarked
package dev.racefree.lab.queries;

import org.jspecify.annotations.NullMarked;
