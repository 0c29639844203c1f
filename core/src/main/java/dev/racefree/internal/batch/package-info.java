/**
 * Group commit for hot accounts: {@code Batching} queues requests per account in a lane, one leader
 * claims a batch and books it in a single statement set, and every waiter gets the outcome of its
 * own request. Not API.
 */
@NullMarked
package dev.racefree.internal.batch;

import org.jspecify.annotations.NullMarked;
