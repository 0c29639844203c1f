/**
 * Proves a team's own code race-free against its PostgreSQL: {@link dev.racefree.test.Races} runs
 * bursts of copies of a call, {@link dev.racefree.test.HttpBurst} sends HTTP/1.1 requests last-byte
 * synchronised, {@link dev.racefree.test.Interleavings} runs two or three sessions through every
 * interleaving of their statements, and {@link dev.racefree.test.Invariants} holds the checks that
 * apply to any of them.
 */
@NullMarked
package dev.racefree.test;

import org.jspecify.annotations.NullMarked;
