/**
 * Load: many client threads sending requests, the accounts they go to and how they are picked, and
 * the counts and latencies each client tallies.
 */
package dev.racefree.lab.load;
