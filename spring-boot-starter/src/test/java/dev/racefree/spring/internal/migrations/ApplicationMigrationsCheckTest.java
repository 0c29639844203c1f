package dev.racefree.spring.internal.migrations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.spring.RacefreeAutoConfiguration;
import dev.racefree.spring.TestPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The application's own migration (the test classpath's {@code db/migration/V1__orders.sql}) with
 * and without Boot 4's Flyway auto-configuration ({@code spring-boot-flyway}): without it, it never
 * runs, and the start fails saying what to add.
 */
class ApplicationMigrationsCheckTest {

  private static ApplicationContextRunner app(String database, Class<?>... flyway) {
    Class<?>[] racefree = {
      DataSourceAutoConfiguration.class,
      DataSourceTransactionManagerAutoConfiguration.class,
      JooqAutoConfiguration.class,
      RacefreeAutoConfiguration.class
    };
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(racefree))
        .withConfiguration(AutoConfigurations.of(flyway))
        .withPropertyValues("spring.datasource.url=" + TestPostgres.url(database));
  }

  /** As an application with spring-boot-starter-flyway. */
  private static ApplicationContextRunner withBootsFlyway(String database) {
    return app(database, FlywayAutoConfiguration.class);
  }

  /** As an application without spring-boot-flyway: Boot's Flyway auto-configuration is absent. */
  private static ApplicationContextRunner withoutBootsFlyway(String database) {
    return app(database).withClassLoader(new FilteredClassLoader(FlywayAutoConfiguration.class));
  }

  private static boolean ordersExist(String database) {
    return TestPostgres.queryLong(
            database, "SELECT count(*) FROM pg_tables WHERE tablename = ?", "orders")
        == 1;
  }

  @Test
  void with_boots_flyway_the_applications_migration_runs_after_racefrees() {
    withBootsFlyway("app_flyway_on")
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean(ApplicationMigrationsCheck.class);
          assertThat(ordersExist("app_flyway_on")).isTrue();
        });
  }

  @Test
  void without_boots_flyway_the_start_fails_saying_what_to_add() {
    withoutBootsFlyway("app_flyway_off")
        .run(context -> {
          assertThat(context).hasFailed();
          Throwable failure = context.getStartupFailure();
          FailureAnalysis analysis = new ApplicationMigrationsFailureAnalyzer().analyze(failure);
          assertThat(analysis).isNotNull();
          assertThat(analysis.getDescription()).contains("db/migration", "V1__orders.sql");
          assertThat(analysis.getAction()).contains("spring-boot-starter-flyway");
        });
    assertThat(ordersExist("app_flyway_off")).isFalse();
  }

  @Test
  void without_the_check_the_application_starts_and_its_migration_never_runs() {
    withoutBootsFlyway("app_flyway_unchecked")
        .withPropertyValues("racefree.migrations.check-application-flyway=false")
        .run(context -> {
          assertThat(context).hasNotFailed();
          // racefree's own schema is there: its migrations need no Boot auto-configuration
          assertThat(
                  TestPostgres.queryLong(
                      "app_flyway_unchecked",
                      "SELECT count(*) FROM pg_tables WHERE schemaname = 'racefree'"))
              .isPositive();
          assertThat(ordersExist("app_flyway_unchecked")).isFalse(); // the reported surprise
        });
  }

  @Test
  void an_application_flyway_bean_of_its_own_passes_the_check() {
    withoutBootsFlyway("app_flyway_own")
        .withBean(Flyway.class, () -> Flyway.configure().load())
        .run(context -> assertThat(context).hasNotFailed());
  }
}
