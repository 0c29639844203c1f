/**
 * Single-use token values: 256 random bits, URL-safe, stored only as their SHA-256 digest. Not API.
 */
@NullMarked
package dev.racefree.internal.tokens;

import org.jspecify.annotations.NullMarked;
