package dev.racefree.lab.load;

/** What one run of {@code clients} concurrent clients did, merged over all of them. */
public record LoadResult(int clients, long elapsedNanos, Tally total) {

  public long ops() {
    return total.ops();
  }

  public double opsPerSecond() {
    return elapsedNanos == 0 ? 0 : total.ops() * 1e9 / elapsedNanos;
  }

  public double p50Ms() {
    return total.latencyMicros().getValueAtPercentile(50) / 1_000.0;
  }

  public double p99Ms() {
    return total.latencyMicros().getValueAtPercentile(99) / 1_000.0;
  }
}
