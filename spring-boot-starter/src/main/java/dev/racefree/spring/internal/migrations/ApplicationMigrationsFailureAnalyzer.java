package dev.racefree.spring.internal.migrations;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Boot's start-up report for {@link ApplicationMigrationsNotRunException}: the application's own
 * migrations would not run, and what to add. Registered in {@code META-INF/spring.factories}.
 */
final class ApplicationMigrationsFailureAnalyzer
    extends AbstractFailureAnalyzer<ApplicationMigrationsNotRunException> {

  @Override
  protected FailureAnalysis analyze(
      Throwable rootFailure, ApplicationMigrationsNotRunException cause) {
    return new FailureAnalysis(
        "The application has Flyway migrations in "
            + ApplicationMigrationsCheck.LOCATION
            + " "
            + cause.scripts()
            + ", but nothing runs them. Since Spring Boot 4, Flyway's auto-configuration is in"
            + " spring-boot-flyway, not spring-boot-autoconfigure: flyway-core on the classpath"
            + " (racefree brings it for its own migrations, in schema racefree) does not run the"
            + " application's. The application would start without its tables.",
        "Add org.springframework.boot:spring-boot-starter-flyway to the application's"
            + " dependencies (with org.flywaydb:flyway-database-postgresql, which racefree-db"
            + " brings). If the application runs these scripts itself, define a Flyway bean, or"
            + " set racefree.migrations.check-application-flyway=false.",
        cause);
  }
}
