/**
 * Argument checks that run before any SQL: every bad amount, id, text, key, duration or instant
 * becomes a typed {@code RacefreeException} naming the argument. Not API.
 */
@NullMarked
package dev.racefree.internal.check;

import org.jspecify.annotations.NullMarked;
