/**
 * {@code race}: each strategy debits the same accounts from many clients at once, then every
 * balance is read back and checked against the successful debits, and racefree's own audit is run;
 * or each consumes units of the same quota counters, which are read back and checked against the
 * cap and the units granted.
 */
@NullMarked
package dev.racefree.lab.race;

import org.jspecify.annotations.NullMarked;
