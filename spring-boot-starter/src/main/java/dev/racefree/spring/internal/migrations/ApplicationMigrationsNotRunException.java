package dev.racefree.spring.internal.migrations;

import java.util.List;

/**
 * The application has Flyway scripts in {@code classpath:db/migration} and nothing that runs them.
 */
public final class ApplicationMigrationsNotRunException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  private final List<String> scripts;

  ApplicationMigrationsNotRunException(List<String> scripts) {
    super(
        "the application has Flyway migrations in "
            + ApplicationMigrationsCheck.LOCATION
            + " "
            + scripts
            + " but Boot's Flyway auto-configuration is not on the classpath, so they would never"
            + " run: add org.springframework.boot:spring-boot-starter-flyway");
    this.scripts = List.copyOf(scripts);
  }

  /** The scripts found, by file name. */
  public List<String> scripts() {
    return scripts;
  }
}
