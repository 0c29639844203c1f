package dev.racefree.spring.micrometer;

import dev.racefree.RacefreeObserver;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;

/**
 * One Micrometer observation (a span, when tracing is on) per racefree operation, named {@value
 * #NAME}, its contextual name the operation ({@code accounts.debit}) and one low-cardinality key,
 * {@code operation}. Nothing else: no amount, account, key or token value.
 */
public final class ObservationObserver implements RacefreeObserver {

  /** The observations' name. */
  public static final String NAME = "racefree.operation";

  private final ObservationRegistry registry;

  /** Observes into {@code registry}. */
  public ObservationObserver(ObservationRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry can not be null");
  }

  @Override
  public Observation start(String operation) {
    io.micrometer.observation.Observation observation =
        io.micrometer.observation.Observation.createNotStarted(NAME, registry)
            .contextualName(operation)
            .lowCardinalityKeyValue("operation", operation)
            .start();
    return (outcome, replayed, retries) -> observation.stop();
  }
}
