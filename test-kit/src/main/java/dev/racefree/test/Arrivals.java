package dev.racefree.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.jspecify.annotations.Nullable;

/**
 * Where the arrival filters, running in the server, leave the arrival time of each request of a
 * burst, for the burst, running in the test of the same JVM, to read.
 */
final class Arrivals {

  /** The header that names a request's burst and its index in it: {@code "<burst> <index>"}. */
  static final String HEADER = "X-Racefree-Burst";

  private static final Map<String, ConcurrentLinkedQueue<Long>> TIMES = new ConcurrentHashMap<>();

  private Arrivals() {}

  /** Records that a request carrying {@code header} was complete at {@code nanoTime}. */
  static void record(@Nullable String header, long nanoTime) {
    if (header == null) {
      return;
    }
    int space = header.indexOf(' ');
    String burst = space < 0 ? header : header.substring(0, space);
    TIMES.computeIfAbsent(burst, b -> new ConcurrentLinkedQueue<>()).add(nanoTime);
  }

  /** The arrival times of {@code burst}'s requests, forgotten once taken. */
  static List<Long> take(String burst) {
    ConcurrentLinkedQueue<Long> times = TIMES.remove(burst);
    return times == null ? List.of() : new ArrayList<>(times);
  }
}
