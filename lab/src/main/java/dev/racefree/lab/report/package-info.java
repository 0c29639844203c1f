/**
 * What a run reports: result rows, text tables, JSON, throughput charts, and the progress bar on
 * stderr.
 */
package dev.racefree.lab.report;
