package dev.racefree.spring.feed;

import dev.racefree.Racefree;
import dev.racefree.spring.ChangeHandler;
import dev.racefree.spring.RacefreeAutoConfiguration;
import dev.racefree.spring.micrometer.FeedMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs every {@link ChangeHandler} bean on the change feed ({@link ChangeFeedRunners}), unless
 * {@code racefree.feed.enabled=false}. Needs the {@link Racefree} bean and one {@link
 * PlatformTransactionManager}: each page runs in a transaction of it, joined by racefree.
 */
@AutoConfiguration(
    after = RacefreeAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration"
    })
@ConditionalOnBean({Racefree.class, ChangeHandler.class})
@ConditionalOnSingleCandidate(PlatformTransactionManager.class)
@ConditionalOnBooleanProperty(name = "racefree.feed.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RacefreeFeedProperties.class)
public final class RacefreeFeedAutoConfiguration {

  /** Created by Spring. */
  public RacefreeFeedAutoConfiguration() {}

  @Bean
  @ConditionalOnMissingBean
  ChangeFeedRunners racefreeChangeFeedRunners(
      Racefree racefree,
      ObjectProvider<ChangeHandler> handlers,
      PlatformTransactionManager transactions,
      RacefreeFeedProperties properties) {
    return new ChangeFeedRunners(
        racefree,
        handlers.orderedStream().toList(),
        new TransactionTemplate(transactions),
        properties);
  }

  /** The consumers' meters ({@link FeedMeters}), when the application has a registry. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(MeterRegistry.class)
  static class Meters {
    @Bean
    @ConditionalOnSingleCandidate(MeterRegistry.class)
    @ConditionalOnMissingBean
    FeedMeters racefreeFeedMeters(MeterRegistry registry, ChangeFeedRunners runners) {
      return new FeedMeters(registry, runners);
    }
  }
}
