/**
 * {@code chaos}: mixed keyed operations under injected faults, every unknown outcome replayed with
 * its key until known, then the books checked against what was acknowledged.
 */
package dev.racefree.lab.chaos;
