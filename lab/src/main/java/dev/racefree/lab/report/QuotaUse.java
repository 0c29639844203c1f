package dev.racefree.lab.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a quota race's counters came to, in units.
 *
 * @param cap each counter's cap
 * @param consumed units granted: one per request that succeeded, over every counter
 * @param counted units the counters count once the run is over
 * @param overrun units granted beyond a counter's cap, summed over the counters: 0 is the guarantee
 */
@JsonPropertyOrder({"cap", "consumed", "counted", "overrun"})
public record QuotaUse(long cap, long consumed, long counted, long overrun) {}
