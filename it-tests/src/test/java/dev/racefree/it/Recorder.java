package dev.racefree.it;

import dev.racefree.RacefreeObserver;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

/** A {@link RacefreeObserver} that keeps every report, from any thread, in order of arrival. */
final class Recorder implements RacefreeObserver {

  /** One report: a start, an end, a committed batch or a lock wait. */
  record Event(
      String kind, String operation, String outcome, boolean replayed, int retries, long amount) {}

  private final ConcurrentLinkedQueue<Event> events = new ConcurrentLinkedQueue<>();

  @Override
  public Observation start(String operation) {
    events.add(new Event("start", operation, "", false, 0, 0));
    return (outcome, replayed, retries) ->
        events.add(new Event("end", operation, outcome, replayed, retries, 0));
  }

  @Override
  public void batchRan(String operation, int size) {
    events.add(new Event("batch", operation, "", false, 0, size));
  }

  @Override
  public void lockWaited(String operation, Duration waited) {
    events.add(new Event("lock", operation, "", false, 0, waited.toNanos()));
  }

  List<Event> all() {
    return List.copyOf(events);
  }

  List<Event> of(String kind) {
    return events.stream().filter(e -> e.kind().equals(kind)).toList();
  }

  /** The ends of {@code operation}, in order. */
  List<Event> ends(String operation) {
    return of("end").stream().filter(e -> e.operation().equals(operation)).toList();
  }

  void clear() {
    events.clear();
  }
}
