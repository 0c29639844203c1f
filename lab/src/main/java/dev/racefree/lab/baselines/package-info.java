/**
 * What racefree is measured against: raw JDBC and pgbench sending racefree's own statements, and
 * where pgbench is found.
 */
@NullMarked
package dev.racefree.lab.baselines;

import org.jspecify.annotations.NullMarked;
