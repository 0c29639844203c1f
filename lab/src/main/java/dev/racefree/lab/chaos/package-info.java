/**
 * {@code chaos}: mixed keyed operations under injected faults, every unknown outcome replayed with
 * its key until known, then the books checked against what was acknowledged.
 */
@NullMarked
package dev.racefree.lab.chaos;

import org.jspecify.annotations.NullMarked;
