package dev.racefree.db;

import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies racefree's schema migrations to a PostgreSQL database.
 *
 * <p>Everything lives in the PostgreSQL schema {@value #SCHEMA}, with its own history table
 * {@code racefree.flyway_schema_history}, so a host application's own Flyway set-up and tables
 * are untouched. The migrations ship in this jar under {@value #LOCATION}.
 *
 * <pre>{@code
 * RacefreeMigrations.migrate(dataSource);
 * }</pre>
 */
public final class RacefreeMigrations {

  /** The PostgreSQL schema that holds racefree's tables. */
  public static final String SCHEMA = "racefree";

  /** Where the migrations are on the classpath. */
  public static final String LOCATION = "classpath:db/racefree";

  private RacefreeMigrations() {}

  /**
   * Brings schema {@value #SCHEMA} up to date. Safe to call on every start: an up-to-date
   * schema is left alone, and concurrent callers are serialised by Flyway's own lock.
   *
   * @return how many migrations ran
   */
  public static int migrate(DataSource dataSource) {
    MigrateResult result = flyway(dataSource).migrate();
    return result.migrationsExecuted;
  }

  /**
   * The Flyway instance racefree uses, for callers that want {@code validate()} or {@code info()}.
   * Clean is disabled: racefree's ledger is not something to drop by accident.
   */
  public static Flyway flyway(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource can not be null");
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .schemas(SCHEMA)
        .defaultSchema(SCHEMA)
        .createSchemas(true)
        .table("flyway_schema_history")
        .cleanDisabled(true)
        .failOnMissingLocations(true)
        .load();
  }
}
