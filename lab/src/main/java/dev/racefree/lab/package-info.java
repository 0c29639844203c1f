/**
 * The race lab: races naive read-modify-write against racefree's strategies, benchmarks racefree
 * against raw JDBC and pgbench, and runs keyed operations under injected faults, all on a real
 * PostgreSQL. {@link dev.racefree.lab.Lab} is the executable jar's entry point.
 */
@NullMarked
package dev.racefree.lab;

import org.jspecify.annotations.NullMarked;
