package dev.racefree.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.racefree.Racefree;
import dev.racefree.db.RacefreeMigrations;
import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.postgresql.ds.PGSimpleDataSource;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

/**
 * Applications that really fail to start, and the description and action Boot reports for them: the
 * failure goes to every {@link FailureAnalyzer} registered in {@code spring.factories}, in order,
 * as Boot does, and the first analysis is the report.
 */
class FailureAnalyzersTest {

  /** An application bean that needs racefree. */
  record UsesRacefree(Racefree racefree) {}

  /** A bean that needs racefree. */
  @Configuration(proxyBeanMethods = false)
  static class NeedsRacefree {
    @Bean
    UsesRacefree usesRacefree(Racefree racefree) {
      return new UsesRacefree(racefree);
    }
  }

  /** The database auto-configurations and racefree's, with jOOQ's. */
  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({
    DataSourceAutoConfiguration.class,
    DataSourceTransactionManagerAutoConfiguration.class,
    TransactionAutoConfiguration.class,
    JooqAutoConfiguration.class,
    RacefreeAutoConfiguration.class
  })
  static class WithJooq extends NeedsRacefree {}

  /** The same without jOOQ's: no DSLContext. */
  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({
    DataSourceAutoConfiguration.class,
    DataSourceTransactionManagerAutoConfiguration.class,
    TransactionAutoConfiguration.class,
    RacefreeAutoConfiguration.class
  })
  static class WithoutJooq extends NeedsRacefree {}

  /** Starts {@code app} on {@code url}, which must fail, and returns Boot's report of why. */
  private static FailureAnalysis failedStart(Class<?> app, String url) {
    SpringApplication application = new SpringApplication(app);
    application.setWebApplicationType(WebApplicationType.NONE);
    application.setDefaultProperties(Map.of("spring.datasource.url", url));
    ConfigurableApplicationContext[] context = new ConfigurableApplicationContext[1];
    application.addInitializers(c -> context[0] = c);

    Throwable failure = catchThrowable(application::run);

    assertThat(failure).as("the application must not start").isNotNull();
    ArgumentResolver arguments =
        ArgumentResolver.of(BeanFactory.class, context[0].getBeanFactory())
            .and(Environment.class, context[0].getEnvironment());
    List<FailureAnalyzer> analyzers =
        SpringFactoriesLoader.forDefaultResourceLocation(
                FailureAnalyzersTest.class.getClassLoader())
            .load(
                FailureAnalyzer.class,
                arguments,
                // as Boot does: an analyzer whose classes are missing (Bean Validation) is left out
                SpringFactoriesLoader.FailureHandler.handleMessage((message, e) -> {}));
    return analyzers.stream()
        .map(a -> a.analyze(failure))
        .filter(Objects::nonNull)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no analysis of " + failure));
  }

  @Test
  void a_database_that_does_not_exist_is_reported_as_racefree_unable_to_connect_to_migrate() {
    String url =
        TestPostgres.url("failure_reachable").replace("/failure_reachable", "/no_such_database");

    FailureAnalysis analysis = failedStart(WithJooq.class, url);

    assertThat(analysis.getCause()).isInstanceOf(RacefreeMigrationException.class);
    assertThat(analysis.getDescription())
        .startsWith("racefree could not connect to the database to migrate schema racefree: ")
        .contains("no_such_database");
    assertThat(analysis.getAction())
        .contains("spring.datasource.url", "spring.datasource.username", "running");
  }

  @Test
  void a_history_that_does_not_match_racefrees_migrations_is_reported_with_what_to_do()
      throws Exception {
    String url = TestPostgres.url("failure_history");
    PGSimpleDataSource ds = new PGSimpleDataSource();
    ds.setURL(url);
    RacefreeMigrations.migrate(ds);
    try (Connection c = ds.getConnection()) {
      int changed =
          DSL.using(c, SQLDialect.POSTGRES)
              .update(table(name("racefree", "flyway_schema_history")))
              .set(field(name("checksum"), Integer.class), 42)
              .where(field(name("version"), String.class).eq("1"))
              .execute();
      assertThat(changed).isEqualTo(1);
    }

    FailureAnalysis analysis = failedStart(WithJooq.class, url);

    assertThat(analysis.getCause()).isInstanceOf(RacefreeMigrationException.class);
    assertThat(analysis.getDescription())
        .startsWith(
            "Schema racefree's migration history (racefree.flyway_schema_history) does not match")
        .contains("checksum");
    assertThat(analysis.getAction())
        .contains("racefree never migrates down", "Never edit racefree's migrations");
  }

  @Test
  void no_dslcontext_is_reported_as_why_there_is_no_racefree_bean() {
    FailureAnalysis analysis = failedStart(WithoutJooq.class, TestPostgres.url("failure_no_jooq"));

    assertThat(analysis.getDescription())
        .isEqualTo(
            "A bean needs a dev.racefree.Racefree, and there is none: racefree's"
                + " auto-configuration needs a jOOQ DSLContext bean, and there is none.");
    assertThat(analysis.getAction()).startsWith("Add spring-boot-starter-jooq");
  }
}
