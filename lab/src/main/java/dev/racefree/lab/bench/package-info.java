/**
 * {@code bench}: racefree measured against raw JDBC and pgbench sending the same SQL, on one
 * server, point by point, with the total balance checked around every run.
 */
@NullMarked
package dev.racefree.lab.bench;

import org.jspecify.annotations.NullMarked;
