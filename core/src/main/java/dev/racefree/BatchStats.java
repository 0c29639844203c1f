package dev.racefree;

/**
 * How a {@link Batching} has batched so far: committed batches, the requests in them, and batch
 * sizes at the median, the 99th percentile and the largest.
 */
public record BatchStats(long batches, long requests, int p50, int p99, int max) {}
