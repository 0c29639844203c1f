/**
 * What racefree is measured against: raw JDBC and pgbench sending racefree's own statements, and
 * where pgbench is found.
 */
package dev.racefree.lab.baselines;
