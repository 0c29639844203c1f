/** Quota counters: the consumption, the give-back and the reads, each one statement. Not API. */
@NullMarked
package dev.racefree.internal.quotas;

import org.jspecify.annotations.NullMarked;
