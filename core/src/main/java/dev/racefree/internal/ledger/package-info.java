/**
 * Reading and reversing the append-only ledger, and the audit that recomputes every balance from
 * it. Not API.
 */
@NullMarked
package dev.racefree.internal.ledger;

import org.jspecify.annotations.NullMarked;
