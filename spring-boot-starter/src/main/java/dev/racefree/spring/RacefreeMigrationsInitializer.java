package dev.racefree.spring;

import dev.racefree.db.RacefreeMigrations;
import java.util.Objects;
import javax.sql.DataSource;
import org.flywaydb.core.api.FlywayException;
import org.springframework.beans.factory.InitializingBean;

/**
 * Brings schema {@code racefree} up to date ({@link RacefreeMigrations#migrate(DataSource)}) when
 * the context starts. Boot treats it as a database initializer: every bean Boot knows to use the
 * database (the {@code DSLContext}, and so the {@code Racefree} bean; {@code JdbcTemplate}; JPA)
 * waits for it, and it runs before the application's own Flyway migrations, so that those may refer
 * to racefree's tables.
 */
public final class RacefreeMigrationsInitializer implements InitializingBean {

  private final DataSource dataSource;
  private int executed = -1;

  /** Migrates {@code dataSource} when the context initialises this bean. */
  public RacefreeMigrationsInitializer(DataSource dataSource) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource can not be null");
  }

  /**
   * @throws RacefreeMigrationException when the migrations fail: Boot's start-up report then says
   *     why and what to do ({@link RacefreeFailureAnalyzer})
   */
  @Override
  public void afterPropertiesSet() {
    try {
      executed = RacefreeMigrations.migrate(dataSource);
    } catch (FlywayException e) {
      throw new RacefreeMigrationException(e);
    }
  }

  /** How many migrations ran at start-up (0 when the schema was up to date), -1 before. */
  public int executed() {
    return executed;
  }
}
