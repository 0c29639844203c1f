/**
 * How a client debits an account: naive read-modify-write (the bug), and racefree's atomic,
 * pessimistic, optimistic, held and batched debits; and how it consumes a quota: naive
 * read-check-write (the same bug), and racefree's consume.
 */
@NullMarked
package dev.racefree.lab.strategies;

import org.jspecify.annotations.NullMarked;
