package dev.racefree.lab.bench;

import dev.racefree.lab.report.Requests;
import dev.racefree.lab.report.Run;
import dev.racefree.lab.report.Throughput;

/**
 * One runner's measurement at one bench point, before it is checked: what ran, how fast, what its
 * requests came to, and the workload's total balance around the run (a bench checks totals; the
 * race checks every account).
 *
 * @param totalBefore the workload's total balance just before the runner started
 * @param totalAfter the workload's total balance once the runner's connections were closed
 */
record Measurement(
    Run run, Throughput throughput, Requests requests, long totalBefore, long totalAfter) {}
