/**
 * Batching for hot accounts: requests queue in lanes, and each lane's thread takes everything
 * queued and runs it as one transaction (keys claimed, rows locked in id order, each request
 * checked as the single operation checks it, set-based writes, one commit); every caller gets the
 * outcome of its own request, only after the commit. Not API.
 */
@NullMarked
package dev.racefree.internal.batch;

import org.jspecify.annotations.NullMarked;
