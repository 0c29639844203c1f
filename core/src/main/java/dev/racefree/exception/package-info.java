/**
 * Misuse and infrastructure failures, all under {@link dev.racefree.exception.RacefreeException}:
 * invalid arguments (checked before any SQL), and database failures classified by SQLState.
 */
@NullMarked
package dev.racefree.exception;

import org.jspecify.annotations.NullMarked;
