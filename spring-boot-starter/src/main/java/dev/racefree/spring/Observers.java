package dev.racefree.spring;

import dev.racefree.RacefreeObserver;
import java.time.Duration;
import java.util.List;

/**
 * Every {@link RacefreeObserver} bean as one: each is told of every operation, and one that throws
 * does not keep the others from hearing.
 */
final class Observers implements RacefreeObserver {

  private final List<RacefreeObserver> all;

  private Observers(List<RacefreeObserver> all) {
    this.all = all;
  }

  static RacefreeObserver of(List<RacefreeObserver> observers) {
    return switch (observers.size()) {
      case 0 -> RacefreeObserver.NONE;
      case 1 -> observers.getFirst();
      default -> new Observers(List.copyOf(observers));
    };
  }

  @Override
  public Observation start(String operation) {
    Observation[] started = new Observation[all.size()];
    for (int i = 0; i < started.length; i++) {
      try {
        started[i] = all.get(i).start(operation);
      } catch (RuntimeException e) {
        started[i] = (outcome, replayed, retries) -> {};
      }
    }
    return (outcome, replayed, retries) -> {
      for (Observation o : started) {
        try {
          o.end(outcome, replayed, retries);
        } catch (RuntimeException ignored) {
          // an observer never changes an operation, nor keeps the others from hearing of it
        }
      }
    };
  }

  @Override
  public void batchRan(String operation, int size) {
    for (RacefreeObserver o : all) {
      try {
        o.batchRan(operation, size);
      } catch (RuntimeException ignored) {
        // as above
      }
    }
  }

  @Override
  public void lockWaited(String operation, Duration waited) {
    for (RacefreeObserver o : all) {
      try {
        o.lockWaited(operation, waited);
      } catch (RuntimeException ignored) {
        // as above
      }
    }
  }
}
