/**
 * Multi-use codes: their values and hashes, their rows, and the statements that redeem and reverse
 * them. Not API.
 */
@NullMarked
package dev.racefree.internal.codes;

import org.jspecify.annotations.NullMarked;
