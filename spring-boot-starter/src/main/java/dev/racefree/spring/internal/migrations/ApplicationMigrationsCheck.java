package dev.racefree.spring.internal.migrations;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;

/**
 * Fails the start when the application has Flyway scripts in {@code classpath:db/migration} but
 * nothing will run them: Boot 4's Flyway auto-configuration lives in {@code spring-boot-flyway}
 * (which {@code spring-boot-starter-flyway} brings), and {@code flyway-core} alone, which racefree
 * brings for its own migrations, does not run them. Without it the application would start and its
 * tables would never exist. The auto-configuration registers this check only when Boot's Flyway
 * auto-configuration is not on the classpath; it passes when the application has a {@code Flyway}
 * bean of its own.
 */
public final class ApplicationMigrationsCheck implements InitializingBean {

  /** Where Boot's Flyway looks for the application's migrations unless told otherwise. */
  public static final String LOCATION = "classpath:db/migration";

  private static final String SCRIPTS = "classpath*:db/migration/**/*.sql";

  private final ResourcePatternResolver resources;
  private final ObjectProvider<Flyway> flyway;

  /** Looks for scripts with {@code resources}, and for an application's {@code Flyway} bean. */
  public ApplicationMigrationsCheck(
      ResourcePatternResolver resources, ObjectProvider<Flyway> flyway) {
    this.resources = resources;
    this.flyway = flyway;
  }

  /**
   * @throws ApplicationMigrationsNotRunException when there are scripts and nothing to run them
   */
  @Override
  public void afterPropertiesSet() {
    List<String> scripts = scripts();
    if (!scripts.isEmpty() && flyway.getIfAvailable() == null) {
      throw new ApplicationMigrationsNotRunException(scripts);
    }
  }

  private List<String> scripts() {
    try {
      return Arrays.stream(resources.getResources(SCRIPTS))
          .filter(Resource::isReadable)
          .map(r -> String.valueOf(r.getFilename()))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("could not look for scripts in " + LOCATION, e);
    }
  }
}
