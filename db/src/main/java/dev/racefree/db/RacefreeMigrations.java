package dev.racefree.db;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies racefree's schema migrations to a PostgreSQL database.
 *
 * <p>Everything lives in the PostgreSQL schema {@value #SCHEMA}, with its own history table {@code
 * racefree.flyway_schema_history}, so a host application's own Flyway set-up and tables are
 * untouched. The migrations ship in this jar under {@value #LOCATION}.
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
   * Brings schema {@value #SCHEMA} up to date. Safe to call on every start: an up-to-date schema is
   * left alone, and concurrent callers are serialised by Flyway's own lock.
   *
   * @return how many migrations ran
   */
  public static int migrate(DataSource dataSource) {
    return migrate(dataSource, SCHEMA);
  }

  /**
   * Brings racefree's tables up to date in another PostgreSQL schema, for applications that map
   * {@value #SCHEMA} to {@code schema} with jOOQ's render mapping ({@code
   * Settings.withRenderMapping}). The history table lives in that schema too.
   *
   * @return how many migrations ran
   */
  public static int migrate(DataSource dataSource, String schema) {
    MigrateResult result = flyway(dataSource, schema).migrate();
    return result.migrationsExecuted;
  }

  /**
   * The Flyway instance racefree uses, for callers that want {@code validate()} or {@code info()}.
   * Clean is disabled: racefree's ledger is not something to drop by accident.
   */
  public static Flyway flyway(DataSource dataSource) {
    return flyway(dataSource, SCHEMA);
  }

  /** As {@link #flyway(DataSource)}, for racefree's tables in {@code schema}. */
  public static Flyway flyway(DataSource dataSource, String schema) {
    Objects.requireNonNull(dataSource, "dataSource can not be null");
    Objects.requireNonNull(schema, "schema can not be null");
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(LOCATION)
        .schemas(schema)
        .defaultSchema(schema)
        .createSchemas(true)
        .table("flyway_schema_history")
        .cleanDisabled(true)
        .failOnMissingLocations(true)
        .load();
  }

  /**
   * Grants {@code role} exactly what racefree's operations need on schema {@value #SCHEMA}, and
   * nothing more: no DDL, no TRUNCATE, no UPDATE or DELETE of the journal. Run it as the schema's
   * owner (the role that migrates), after {@link #migrate(DataSource)}; the same is {@code SELECT
   * racefree.grant_application_role('role')} in SQL.
   *
   * @throws SQLException when the grant fails (the role does not exist, or the caller may not
   *     grant)
   */
  public static void grantApplicationRole(DataSource dataSource, String role) throws SQLException {
    Objects.requireNonNull(dataSource, "dataSource can not be null");
    Objects.requireNonNull(role, "role can not be null");
    try (Connection c = dataSource.getConnection();
        PreparedStatement grant =
            c.prepareStatement("SELECT racefree.grant_application_role(?)")) { // a constant
      grant.setString(1, role);
      grant.execute();
      if (!c.getAutoCommit()) {
        c.commit();
      }
    }
  }
}
