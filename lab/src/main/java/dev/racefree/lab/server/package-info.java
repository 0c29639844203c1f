/**
 * The PostgreSQL the lab runs against: starting or reaching it, its connection pools, and what the
 * reports say about it.
 */
@NullMarked
package dev.racefree.lab.server;

import org.jspecify.annotations.NullMarked;
