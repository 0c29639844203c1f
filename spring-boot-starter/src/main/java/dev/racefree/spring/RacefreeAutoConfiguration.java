package dev.racefree.spring;

import dev.racefree.Batching;
import dev.racefree.Racefree;
import dev.racefree.RacefreeObserver;
import dev.racefree.RetryPolicy;
import dev.racefree.spring.internal.migrations.ApplicationMigrationsCheck;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.ResourceLoader;
import org.springframework.core.io.support.ResourcePatternUtils;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * A {@link Racefree} bean on Boot's {@link DSLContext}, racefree's migrations at start-up, and the
 * {@link RetryPolicy} and (when enabled) {@link Batching} beans that {@link RacefreeProperties}
 * describe. Each bean backs off when the application defines its own. It needs exactly one {@code
 * DSLContext} (and, for the migrations, one {@code DataSource}), or one marked {@code @Primary}.
 *
 * <p>Whose transaction: the {@code Racefree} bean asks {@link
 * TransactionSynchronizationManager#isActualTransactionActive()}. Inside {@code @Transactional} (or
 * a {@code TransactionTemplate}) it joins Spring's transaction, and a rollback undoes its writes;
 * outside one each operation commits its own transaction before it returns, also on a pool whose
 * connections have auto-commit off; {@code inTransaction} inside a Spring transaction refuses with
 * {@code NestedTransactionException}.
 */
@AutoConfiguration(
    after = {
      DataSourceAutoConfiguration.class,
      DataSourceTransactionManagerAutoConfiguration.class,
      TransactionAutoConfiguration.class,
      JooqAutoConfiguration.class
    },
    afterName = "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
@ConditionalOnClass({Racefree.class, DSLContext.class, TransactionSynchronizationManager.class})
@ConditionalOnSingleCandidate(DSLContext.class)
@EnableConfigurationProperties(RacefreeProperties.class)
@Import(DatabaseInitializationDependencyConfigurer.class)
public final class RacefreeAutoConfiguration {

  /** Created by Spring. */
  public RacefreeAutoConfiguration() {}

  /** racefree's migrations, unless {@code racefree.migrations.enabled=false}. */
  @Bean
  @ConditionalOnMissingBean
  @ConditionalOnSingleCandidate(DataSource.class)
  @ConditionalOnBooleanProperty(name = "racefree.migrations.enabled", matchIfMissing = true)
  RacefreeMigrationsInitializer racefreeMigrationsInitializer(DataSource dataSource) {
    return new RacefreeMigrationsInitializer(dataSource);
  }

  /**
   * Fails the start when the application's own migrations ({@code classpath:db/migration}) would
   * never run: Boot's Flyway auto-configuration is missing (Boot 4 moved it to {@code
   * spring-boot-starter-flyway}), unless {@code
   * racefree.migrations.check-application-flyway=false}.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnMissingClass(
      "org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration")
  @ConditionalOnClass(Flyway.class)
  @ConditionalOnBooleanProperty(
      name = "racefree.migrations.check-application-flyway",
      matchIfMissing = true)
  static class ApplicationFlywayCheck {

    @Bean
    ApplicationMigrationsCheck racefreeApplicationMigrationsCheck(
        ResourceLoader resources, ObjectProvider<Flyway> flyway) {
      return new ApplicationMigrationsCheck(
          ResourcePatternUtils.getResourcePatternResolver(resources), flyway);
    }
  }

  /**
   * racefree on Boot's {@code DSLContext}, joining Spring's transactions, reporting to every {@link
   * RacefreeObserver} bean.
   */
  @Bean
  @ConditionalOnMissingBean
  Racefree racefree(
      DSLContext dsl, RacefreeProperties properties, ObjectProvider<RacefreeObserver> observers) {
    return Racefree.using(
            SpringContexts.withoutExceptionTranslation(dsl),
            TransactionSynchronizationManager::isActualTransactionActive)
        .withKeyRetention(properties.keyRetention())
        .withObserver(Observers.of(observers.orderedStream().toList()));
  }

  /** The retry policy of {@code racefree.retry.*}. */
  @Bean
  @ConditionalOnMissingBean
  RetryPolicy racefreeRetryPolicy(RacefreeProperties properties) {
    return properties.retry().policy();
  }

  /** Batching, when {@code racefree.batching.enabled=true}; closed with the context. */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  @ConditionalOnBooleanProperty("racefree.batching.enabled")
  Batching racefreeBatching(Racefree racefree, RacefreeProperties properties) {
    return racefree.batching(properties.batching().options());
  }
}
