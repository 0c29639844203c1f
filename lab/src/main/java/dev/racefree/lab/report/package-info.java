/**
 * What a run reports: result rows, text tables, JSON, throughput charts, and the progress bar on
 * stderr.
 */
@NullMarked
package dev.racefree.lab.report;

import org.jspecify.annotations.NullMarked;
