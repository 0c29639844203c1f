package dev.racefree.spring;

import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDatabaseInitializerDetector;
import org.springframework.core.Ordered;

/**
 * Tells Boot that {@link RacefreeMigrationsInitializer} initialises the database, so that the beans
 * that use it wait; ordered first, so that racefree's schema exists before the application's own
 * migrations run. Registered in {@code META-INF/spring.factories}.
 */
final class RacefreeMigrationsDetector extends AbstractBeansOfTypeDatabaseInitializerDetector {

  @Override
  protected Set<Class<?>> getDatabaseInitializerBeanTypes() {
    return Set.of(RacefreeMigrationsInitializer.class);
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
