package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;

/**
 * How {@link Racefree#batching} batches: at most {@code maxBatchSize} requests per transaction, and
 * at most {@code connections} batches in the database at once (one connection each, held only while
 * its batch runs). Requests are spread over the connections by account, so batches on disjoint
 * accounts run in parallel and one hot account's requests share batches.
 *
 * @param maxBatchSize 1 to {@link #MAX_BATCH_SIZE} requests per batch
 * @param connections 1 to {@link #MAX_CONNECTIONS} batches at once
 */
public record BatchOptions(int maxBatchSize, int connections) {

  /** The largest batch: its ledger insert stays well within PostgreSQL's bind limit. */
  public static final int MAX_BATCH_SIZE = 2_000;

  /** The most batches in the database at once. */
  public static final int MAX_CONNECTIONS = 64;

  /** Checks both. */
  public BatchOptions {
    if (maxBatchSize < 1 || maxBatchSize > MAX_BATCH_SIZE) {
      throw new InvalidArgumentException(
          "maxBatchSize must be 1 to " + MAX_BATCH_SIZE + ", was " + maxBatchSize);
    }
    if (connections < 1 || connections > MAX_CONNECTIONS) {
      throw new InvalidArgumentException(
          "connections must be 1 to " + MAX_CONNECTIONS + ", was " + connections);
    }
  }

  /** 1,000 requests per batch, 8 connections. */
  public static BatchOptions defaults() {
    return new BatchOptions(1_000, 8);
  }

  /** These options with {@code maxBatchSize} requests per batch. */
  public BatchOptions withMaxBatchSize(int maxBatchSize) {
    return new BatchOptions(maxBatchSize, connections);
  }

  /** These options with {@code connections} batches at once. */
  public BatchOptions withConnections(int connections) {
    return new BatchOptions(maxBatchSize, connections);
  }
}
