package dev.racefree.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.spring.micrometer.RacefreeMicrometerAutoConfiguration;
import dev.racefree.spring.web.RacefreeWebAutoConfiguration;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jooq.autoconfigure.JooqAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.web.servlet.DispatcherServlet;

/** Micrometer and Spring MVC are optional: an application without them still gets racefree. */
class OptionalDependenciesTest {

  private static WebApplicationContextRunner runner() {
    return new WebApplicationContextRunner()
        .withConfiguration(
            AutoConfigurations.of(
                DataSourceAutoConfiguration.class,
                DataSourceTransactionManagerAutoConfiguration.class,
                JooqAutoConfiguration.class,
                RacefreeAutoConfiguration.class,
                RacefreeMicrometerAutoConfiguration.class,
                RacefreeWebAutoConfiguration.class))
        .withPropertyValues(
            "spring.datasource.url=" + TestPostgres.url("optional"),
            "racefree.migrations.enabled=false");
  }

  @Test
  void without_micrometer_racefree_runs_unobserved() {
    runner()
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class, ObservationRegistry.class))
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Racefree.class);
          assertThat(context.getBeanNamesForType(dev.racefree.RacefreeObserver.class)).isEmpty();
        });
  }

  @Test
  void without_spring_mvc_there_is_no_filter() {
    runner()
        .withClassLoader(new FilteredClassLoader(DispatcherServlet.class))
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(Racefree.class);
          assertThat(context).doesNotHaveBean(FilterRegistrationBean.class);
        });
  }
}
