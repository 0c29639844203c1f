/**
 * The change feed under load: writers commit credits while a consumer reads {@code Ledger.changes};
 * throughput, delay from commit to delivery, exactly-once, and what polling by id would have
 * skipped.
 */
@NullMarked
package dev.racefree.lab.feed;

import org.jspecify.annotations.NullMarked;
