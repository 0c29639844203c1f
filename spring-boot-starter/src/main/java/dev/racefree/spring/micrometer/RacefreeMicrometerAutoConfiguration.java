package dev.racefree.spring.micrometer;

import dev.racefree.RacefreeObserver;
import dev.racefree.spring.RacefreeAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reports racefree's operations to Micrometer: a {@link MeterObserver} when the application has a
 * {@link MeterRegistry}, an {@link ObservationObserver} when it has an {@link ObservationRegistry}.
 * The {@code Racefree} bean reports to every {@link RacefreeObserver} bean.
 */
@AutoConfiguration(
    before = RacefreeAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
      "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"
    })
@ConditionalOnClass(RacefreeObserver.class)
public final class RacefreeMicrometerAutoConfiguration {

  /** Created by Spring. */
  public RacefreeMicrometerAutoConfiguration() {}

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class Meters {
    @Bean
    @ConditionalOnSingleCandidate(MeterRegistry.class)
    @ConditionalOnMissingBean
    MeterObserver racefreeMeterObserver(MeterRegistry registry) {
      return new MeterObserver(registry);
    }
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(ObservationRegistry.class)
  static class Observations {
    @Bean
    @ConditionalOnSingleCandidate(ObservationRegistry.class)
    @ConditionalOnMissingBean
    ObservationObserver racefreeObservationObserver(ObservationRegistry registry) {
      return new ObservationObserver(registry);
    }
  }
}
