/**
 * How a client debits an account: naive read-modify-write (the bug), and racefree's atomic,
 * pessimistic and optimistic debits.
 */
@NullMarked
package dev.racefree.lab.strategies;

import org.jspecify.annotations.NullMarked;
