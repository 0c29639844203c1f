/**
 * The operation runner: decides whose transaction an operation runs in (its own, or one the caller
 * visibly opened), retries serialization failures and deadlocks, classifies {@code SQLException} by
 * SQLState, and notifies observers. Not API.
 */
@NullMarked
package dev.racefree.internal.runner;

import org.jspecify.annotations.NullMarked;
