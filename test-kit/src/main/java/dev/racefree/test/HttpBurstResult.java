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
 */
public record HttpBurstResult(List<BurstResponse> responses, List<Long> arrivals) {

  /** Keeps copies. */
  public HttpBurstResult {
    responses = List.copyOf(Objects.requireNonNull(responses, "responses can not be null"));
    arrivals = List.copyOf(Objects.requireNonNull(arrivals, "arrivals can not be null"));
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

  @Override
  public String toString() {
    return statusCounts()
        + arrivalSpread().map(s -> ", arrival spread " + s.toNanos() / 1_000 + " µs").orElse("");
  }
}
