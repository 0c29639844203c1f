package dev.racefree.lab.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * How fast a run went: requests sent, per second, and latency percentiles in milliseconds (null
 * when nothing was measured).
 */
@JsonPropertyOrder({"ops", "opsPerSecond", "p50Ms", "p99Ms"})
public record Throughput(
    long ops,
    double opsPerSecond,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double p50Ms,
    @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double p99Ms) {

  /** Nothing ran. */
  public static final Throughput NONE = new Throughput(0, 0, null, null);

  /** {@code ops} at {@code opsPerSecond}, with percentiles from latencies in microseconds. */
  public static Throughput of(long ops, double opsPerSecond, Histogram latencyMicros) {
    if (latencyMicros.getTotalCount() == 0) {
      return new Throughput(ops, opsPerSecond, null, null);
    }
    return new Throughput(
        ops,
        opsPerSecond,
        latencyMicros.getValueAtPercentile(50) / 1_000.0,
        latencyMicros.getValueAtPercentile(99) / 1_000.0);
  }
}
