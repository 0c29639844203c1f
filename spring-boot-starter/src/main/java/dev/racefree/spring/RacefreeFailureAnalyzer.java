package dev.racefree.spring;

import dev.racefree.db.RacefreeMigrations;
import java.sql.SQLException;
import org.flywaydb.core.api.exception.FlywayValidateException;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a {@link RacefreeMigrationException} into Boot's start-up report: why racefree's migrations
 * failed (the database unreachable, the user not allowed to create the schema, a history that does
 * not match racefree's migrations, the migrations missing from the classpath) and what to do.
 * Registered in {@code META-INF/spring.factories}.
 */
final class RacefreeFailureAnalyzer extends AbstractFailureAnalyzer<RacefreeMigrationException> {

  private static final String SCHEMA = RacefreeMigrations.SCHEMA;

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, RacefreeMigrationException cause) {
    Throwable flyway = cause.getCause() == null ? cause : cause.getCause();
    String message = String.valueOf(flyway.getMessage());
    SQLException sql = findCause(cause, SQLException.class);
    String state = sql == null ? "" : String.valueOf(sql.getSQLState());
    if (state.startsWith("08") || state.startsWith("28") || state.equals("3D000")) {
      return new FailureAnalysis(
          "racefree could not connect to the database to migrate schema "
              + SCHEMA
              + ": "
              + detail(sql, message),
          "Check spring.datasource.url, spring.datasource.username and"
              + " spring.datasource.password, and that the PostgreSQL server is running, reachable"
              + " and has that database.",
          cause);
    }
    if (state.equals("42501")) {
      return new FailureAnalysis(
          "racefree's migrations may not run as this database user: " + detail(sql, message),
          "Migrate schema "
              + SCHEMA
              + " as its owner (RacefreeMigrations.migrate, or Flyway with location "
              + RacefreeMigrations.LOCATION
              + "), grant the application's user what it needs"
              + " (RacefreeMigrations.grantApplicationRole), and set"
              + " racefree.migrations.enabled=false for the application.",
          cause);
    }
    FlywayValidateException invalid = findCause(cause, FlywayValidateException.class);
    if (invalid != null) {
      return new FailureAnalysis(
          "Schema "
              + SCHEMA
              + "'s migration history ("
              + SCHEMA
              + ".flyway_schema_history) does not match the migrations of this racefree version: "
              + message,
          "Run the racefree version that migrated this database, or a later one (racefree never"
              + " migrates down), from the racefree-db jar as released. Never edit racefree's"
              + " migrations or its history table: restore the history racefree wrote, or migrate"
              + " a fresh database.",
          cause);
    }
    if (message.contains(RacefreeMigrations.LOCATION)) {
      return new FailureAnalysis(
          "racefree's migrations (" + RacefreeMigrations.LOCATION + ") are not on the classpath.",
          "Depend on dev.racefree:racefree-db (the starter brings it), and when the application"
              + " is repackaged (shaded, native image), keep the resources db/racefree/*.sql.",
          cause);
    }
    return new FailureAnalysis(
        "racefree could not migrate schema " + SCHEMA + ": " + message,
        "Fix the cause above, or set racefree.migrations.enabled=false and migrate schema "
            + SCHEMA
            + " yourself (RacefreeMigrations.migrate) before the application starts.",
        cause);
  }

  private static String detail(@Nullable SQLException sql, String fallback) {
    return sql == null || sql.getMessage() == null ? fallback : sql.getMessage();
  }
}
