/**
 * How a client debits an account: naive read-modify-write (the bug), and racefree's atomic,
 * pessimistic and optimistic debits.
 */
package dev.racefree.lab.strategies;
