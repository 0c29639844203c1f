package dev.racefree.spring.micrometer;

import dev.racefree.spring.feed.ChangeFeedRunner;
import dev.racefree.spring.feed.ChangeFeedRunners;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The change-feed consumers' meters, tagged by {@code consumer}:
 *
 * <ul>
 *   <li>{@value #LAG}: seconds from the newest entry of the last page handled to its handling (0
 *       when the last poll found nothing new);
 *   <li>{@value #BEHIND}: entries committed but not yet handled, counted when the last poll began;
 *   <li>{@value #ENTRIES}: entries handled and committed;
 *   <li>{@value #FAILURES}: polls that failed (the handler's exception or the database's).
 * </ul>
 */
public final class FeedMeters {

  /** Delivery delay of the last page, in seconds. */
  public static final String LAG = "racefree.feed.lag";

  /** Entries behind. */
  public static final String BEHIND = "racefree.feed.behind";

  /** Entries handled. */
  public static final String ENTRIES = "racefree.feed.entries";

  /** Failed polls. */
  public static final String FAILURES = "racefree.feed.failures";

  /** Registers the meters of every runner in {@code registry}. */
  public FeedMeters(MeterRegistry registry, ChangeFeedRunners runners) {
    for (ChangeFeedRunner r : runners.runners()) {
      Gauge.builder(LAG, r, ChangeFeedRunner::lagSeconds)
          .description("seconds from the newest entry of the last page to its handling")
          .baseUnit("seconds")
          .tag("consumer", r.consumer())
          .register(registry);
      Gauge.builder(BEHIND, r, c -> c.behind())
          .description("entries committed and not yet handled")
          .tag("consumer", r.consumer())
          .register(registry);
      FunctionCounter.builder(ENTRIES, r, c -> c.delivered())
          .description("entries handled")
          .tag("consumer", r.consumer())
          .register(registry);
      FunctionCounter.builder(FAILURES, r, c -> c.failures())
          .description("polls that failed")
          .tag("consumer", r.consumer())
          .register(registry);
    }
  }
}
