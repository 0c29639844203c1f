package dev.racefree.lab.load;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * When a client stops: after a fixed number of operations (a race) or at a deadline (a bench).
 *
 * @param duration how long the clients run, or null when they stop after {@code opsPerClient}
 */
public record Stop(long opsPerClient, @Nullable Duration duration) {

  public static Stop afterOps(long opsPerClient) {
    if (opsPerClient < 1) {
      throw new IllegalArgumentException("ops per client must be at least 1, was " + opsPerClient);
    }
    return new Stop(opsPerClient, null);
  }

  public static Stop after(Duration duration) {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration must be positive, was " + duration);
    }
    return new Stop(0, duration);
  }

  boolean timed() {
    return duration != null;
  }
}
