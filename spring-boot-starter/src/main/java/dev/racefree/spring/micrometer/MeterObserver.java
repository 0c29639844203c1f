package dev.racefree.spring.micrometer;

import dev.racefree.RacefreeObserver;
import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * racefree's meters, all tagged by {@code operation} ({@code accounts.debit}, {@code
 * holds.capture}, ...), never by an amount, an account, a key or a token:
 *
 * <ul>
 *   <li>{@value #OPERATIONS}: a timer (so a count too) per operation, {@code outcome} (the result's
 *       or exception's simple name: {@code Debited}, {@code InsufficientFunds}, {@code
 *       NotAcquired}, {@code SerializationFailureException}, {@code Ok}) and {@code replayed}
 *       ({@code true} when a stored idempotency key answered);
 *   <li>{@value #RETRIES}: a counter of the times an operation's transaction ran again;
 *   <li>{@value #LOCK_WAIT}: a timer of the statements that took row locks;
 *   <li>{@value #BATCH_SIZE}: a distribution summary of the requests in each batch.
 * </ul>
 */
public final class MeterObserver implements RacefreeObserver {

  /** Operations by operation, outcome and replayed. */
  public static final String OPERATIONS = "racefree.operations";

  /** Retries by operation. */
  public static final String RETRIES = "racefree.retries";

  /** Row-lock waits by operation. */
  public static final String LOCK_WAIT = "racefree.lock.wait";

  /** Batch sizes by operation. */
  public static final String BATCH_SIZE = "racefree.batch.size";

  private final MeterRegistry registry;
  private final Clock clock;

  /** Records into {@code registry}. */
  public MeterObserver(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry can not be null");
    this.clock = registry.config().clock();
  }

  @Override
  public Observation start(String operation) {
    long started = clock.monotonicTime();
    return (outcome, replayed, retries) -> {
      Timer.builder(OPERATIONS)
          .description("racefree operations, by outcome")
          .tag("operation", operation)
          .tag("outcome", outcome)
          .tag("replayed", Boolean.toString(replayed))
          .register(registry)
          .record(clock.monotonicTime() - started, TimeUnit.NANOSECONDS);
      Counter.builder(RETRIES)
          .description("times a racefree operation's transaction ran again")
          .tag("operation", operation)
          .register(registry)
          .increment(retries);
    };
  }

  @Override
  public void batchRan(String operation, int size) {
    DistributionSummary.builder(BATCH_SIZE)
        .description("requests per racefree batch")
        .tag("operation", operation)
        .register(registry)
        .record(size);
  }

  @Override
  public void lockWaited(String operation, Duration waited) {
    Timer.builder(LOCK_WAIT)
        .description("time racefree's row-locking statements took")
        .tag("operation", operation)
        .register(registry)
        .record(waited);
  }
}
