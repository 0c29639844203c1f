package dev.racefree.lab.chaos;

/**
 * One server fault and how long writes stopped.
 *
 * @param fault what struck: a crash, the primary's kill, the leader's postmaster killed, the
 *     leader's Patroni stopped
 * @param millis from the fault (its server gone) to the first write acknowledged on a call sent
 *     after it
 */
public record FaultRecovery(String fault, long millis) {}
