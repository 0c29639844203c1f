package dev.racefree.lab;

/** What one run of {@code clients} concurrent clients did, merged over all of them. */
record LoadResult(int clients, long elapsedNanos, Tally total) {

  long ops() {
    return total.ops();
  }

  double opsPerSecond() {
    return elapsedNanos == 0 ? 0 : total.ops() * 1e9 / elapsedNanos;
  }

  double p50Ms() {
    return total.latencyMicros.getValueAtPercentile(50) / 1_000.0;
  }

  double p99Ms() {
    return total.latencyMicros.getValueAtPercentile(99) / 1_000.0;
  }
}
