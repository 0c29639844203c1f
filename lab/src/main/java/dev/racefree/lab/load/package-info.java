/**
 * Load: many client threads sending requests, the accounts they go to and how they are picked, and
 * the counts and latencies each client tallies.
 */
@NullMarked
package dev.racefree.lab.load;

import org.jspecify.annotations.NullMarked;
