package dev.racefree.test;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an {@link HttpBurst} got back, and how tightly its requests arrived.
 *
 * @param responses one per request, in request order
 * @param arrivals the server-side arrival times ({@link System#nanoTime()}) that an arrival filter
 *     recorded for these requests, in no order: empty when the server runs no such filter or in
 *     another JVM
 * @param lastBytesSent how long the client took to send every last byte, the first to the last:
 *     what the client contributes to the spread
 */
public record HttpBurstResult(
    List<BurstResponse> responses, List<Long> arrivals, Duration lastBytesSent) {

  /** Keeps copies. */
  public HttpBurstResult {
    responses = List.copyOf(Objects.requireNonNull(responses, "responses can not be null"));
    arrivals = List.copyOf(Objects.requireNonNull(arrivals, "arrivals can not be null"));
    Objects.requireNonNull(lastBytesSent, "lastBytesSent can not be null");
  }

  /** The status codes, in request order. */
  public List<Integer> statuses() {
    return responses.stream().map(BurstResponse::status).toList();
  }

  /** How many responses had each status code, by code. */
  public Map<Integer, Long> statusCounts() {
    Map<Integer, Long> counts = new TreeMap<>();
    responses.forEach(r -> counts.merge(r.status(), 1L, Long::sum));
    return counts;
  }

  /** How many responses had status {@code status}. */
  public long count(int status) {
    return statusCounts().getOrDefault(status, 0L);
  }

  /**
   * The time between the first and the last request's arrival at the server, complete with its
   * body: present when an arrival filter recorded every request.
   */
  public Optional<Duration> arrivalSpread() {
    if (arrivals.size() != responses.size() || arrivals.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Duration.ofNanos(Collections.max(arrivals) - Collections.min(arrivals)));
  }

  /**
   * Each recorded arrival after the first, in order: where the spread comes from (a few late
   * requests, or all of them spread out).
   */
  public List<Duration> arrivalOffsets() {
    if (arrivals.isEmpty()) {
      return List.of();
    }
    long first = Collections.min(arrivals);
    return arrivals.stream().sorted().map(t -> Duration.ofNanos(t - first)).toList();
  }

  @Override
  public String toString() {
    List<Duration> offsets = arrivalOffsets();
    return statusCounts()
        + arrivalSpread()
            .map(s ->
                ", arrival spread "
                    + s.toNanos() / 1_000
                    + " µs (half within "
                    + offsets.get(offsets.size() / 2).toNanos() / 1_000
                    + " µs)")
            .orElse("")
        + ", last bytes sent in "
        + lastBytesSent.toNanos() / 1_000
        + " µs";
  }
}
