/**
 * Idempotency keys: claiming a key with a unique insert, storing the outcome in the same
 * transaction, and replaying it to a retry with the same request. Not API.
 */
@NullMarked
package dev.racefree.internal.keys;

import org.jspecify.annotations.NullMarked;
