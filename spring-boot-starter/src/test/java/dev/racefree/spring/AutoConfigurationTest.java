package dev.racefree.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.Batching;
import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.exception.BatcherClosedException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.result.Debited;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the auto-configuration makes, from which properties, and when it backs off. */
class AutoConfigurationTest {

  private static ApplicationContextRunner runner(String database) {
    return new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class,
                TransactionAutoConfiguration.class,
                JooqAutoConfiguration.class,
                RacefreeAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + TestPostgres.url(database));
  }

  private static long racefreeSchemas(String database) {
    return TestPostgres.queryLong(
        database, "SELECT count(*) FROM pg_namespace WHERE nspname = 'racefree'");
  }

  @Test
  void by_default_a_racefree_bean_on_a_migrated_schema_and_no_batching() {
    runner("config_defaults")
        .run(context -> {
          assertThat(context).hasSingleBean(Racefree.class);
          assertThat(context).hasSingleBean(RacefreeMigrationsInitializer.class);
          assertThat(context).doesNotHaveBean(Batching.class);
          assertThat(context.getBean(RetryPolicy.class)).isEqualTo(RetryPolicy.attempts(5));
          assertThat(context.getBean(RacefreeMigrationsInitializer.class).executed())
              .isGreaterThanOrEqualTo(9);
          assertThat(racefreeSchemas("config_defaults")).isEqualTo(1);
          Racefree rf = context.getBean(Racefree.class);
          long id = rf.accounts().open("x", "EUR");
          rf.accounts().credit(id, 5, IdempotencyKey.of("config", "default-retention"));
          assertThat(
                  TestPostgres.queryLong(
                      "config_defaults",
                      "SELECT extract(epoch FROM expires_at - created_at)::bigint"
                          + " FROM racefree.idempotency_keys WHERE key = 'default-retention'"))
              .isEqualTo(Duration.ofHours(24).toSeconds());
        });
  }

  @Test
  void properties_set_the_key_retention_the_retry_policy_and_batching() {
    runner("config_properties")
        .withPropertyValues(
            "racefree.key-retention=2h",
            "racefree.retry.max-attempts=3",
            "racefree.retry.initial-backoff=5ms",
            "racefree.retry.max-backoff=1s",
            "racefree.retry.retry-lock-not-available=true",
            "racefree.batching.enabled=true",
            "racefree.batching.max-batch-size=50",
            "racefree.batching.connections=2")
        .run(context -> {
          assertThat(context.getBean(RetryPolicy.class))
              .isEqualTo(new RetryPolicy(3, Duration.ofMillis(5), Duration.ofSeconds(1), true));
          Racefree rf = context.getBean(Racefree.class);
          long id = rf.accounts().open("x", "EUR");
          rf.accounts().credit(id, 5, IdempotencyKey.of("config", "two-hours"));
          assertThat(
                  TestPostgres.queryLong(
                      "config_properties",
                      "SELECT extract(epoch FROM expires_at - created_at)::bigint"
                          + " FROM racefree.idempotency_keys WHERE key = 'two-hours'"))
              .isEqualTo(Duration.ofHours(2).toSeconds());
          Batching batching = context.getBean(Batching.class);
          assertThat(batching.debit(id, 2)).isEqualTo(new Debited(3));
          context.close();
          assertThatThrownBy(() -> batching.debit(id, 1))
              .isInstanceOf(BatcherClosedException.class);
        });
  }

  @Test
  void migrations_off_leave_the_database_alone() {
    runner("config_no_migrations")
        .withPropertyValues("racefree.migrations.enabled=false")
        .run(context -> {
          assertThat(context).hasSingleBean(Racefree.class);
          assertThat(context).doesNotHaveBean(RacefreeMigrationsInitializer.class);
          assertThat(racefreeSchemas("config_no_migrations")).isZero();
        });
  }

  @Test
  void an_applications_own_racefree_bean_wins() {
    runner("config_own_bean")
        .withUserConfiguration(OwnRacefree.class)
        .run(context -> {
          assertThat(context).hasSingleBean(Racefree.class);
          assertThat(context.getBeanNamesForType(Racefree.class)).containsExactly("mine");
        });
  }

  @Test
  void without_a_dsl_context_there_is_no_racefree_bean() {
    new ApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class, RacefreeAutoConfiguration.class))
        .withPropertyValues("spring.datasource.url=" + TestPostgres.url("config_no_jooq"))
        .run(context -> assertThat(context).doesNotHaveBean(Racefree.class));
  }

  @Test
  void a_setting_out_of_range_fails_the_start_naming_it() {
    runner("config_invalid")
        .withPropertyValues("racefree.retry.max-attempts=0")
        .run(context ->
            assertThat(context)
                .getFailure()
                .rootCause()
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("maxAttempts"));
  }

  @Test
  void every_property_has_metadata_for_the_ide() throws IOException {
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).isNotNull();
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertThat(json)
          .contains(
              "\"racefree.key-retention\"",
              "\"racefree.migrations.enabled\"",
              "\"racefree.retry.max-attempts\"",
              "\"racefree.batching.max-batch-size\"",
              "\"racefree.http.idempotency.in-flight-wait\"");
    }
  }

  /** An application that makes its own Racefree. */
  @Configuration(proxyBeanMethods = false)
  static class OwnRacefree {
    @Bean
    Racefree mine(DSLContext dsl) {
      return Racefree.using(dsl, () -> false);
    }
  }

  /**
   * Two DSLContexts of the application's own (so Boot's backs off), the first primary when asked.
   */
  private static ApplicationContextRunner withTwoDsls(
      ApplicationContextRunner runner, boolean primary) {
    return runner
        .withBean(
            "firstDsl",
            DSLContext.class,
            () -> DSL.using(SQLDialect.POSTGRES),
            definition -> definition.setPrimary(primary))
        .withBean("secondDsl", DSLContext.class, () -> DSL.using(SQLDialect.POSTGRES));
  }

  @Test
  void two_dslcontexts_make_no_racefree_bean_unless_one_is_primary() {
    withTwoDsls(runner("config_two_dsls"), false)
        .run(context -> assertThat(context).doesNotHaveBean(Racefree.class));
    withTwoDsls(runner("config_two_dsls"), true)
        .run(context -> assertThat(context).hasSingleBean(Racefree.class));
  }
}
