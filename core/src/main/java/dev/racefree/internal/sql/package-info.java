/**
 * Statement building blocks shared by every area: the funds rule, the ledger insert, the database
 * clock, lock timeouts and the hot statements the lab and {@code Racefree.statements()} show. Not
 * API.
 */
@NullMarked
package dev.racefree.internal.sql;

import org.jspecify.annotations.NullMarked;
