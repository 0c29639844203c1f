package dev.racefree.sample.payments;

import dev.racefree.embedded.EmbeddedPostgresServer;
import dev.racefree.embedded.ServerSettings;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When {@code spring.datasource.url} is not set, starts an embedded PostgreSQL (binaries from Maven
 * Central, {@code fsync} and {@code synchronous_commit} on) and points Boot's DataSource at it, so
 * that the sample runs with nothing installed but a JDK. One server per JVM, stopped when the JVM
 * exits; its data is temporary. Registered in {@code META-INF/spring.factories}.
 */
public final class EmbeddedPostgresForDevelopment implements EnvironmentPostProcessor {

  private static @Nullable EmbeddedPostgresServer server;

  private final Log log;

  /** Created by Spring Boot, with its deferred log. */
  public EmbeddedPostgresForDevelopment(DeferredLogFactory logs) {
    this.log = logs.getLog(EmbeddedPostgresForDevelopment.class);
  }

  @Override
  public void postProcessEnvironment(
      ConfigurableEnvironment environment, SpringApplication application) {
    if (environment.containsProperty("spring.datasource.url")) {
      return;
    }
    String url = started().jdbcUrl();
    environment
        .getPropertySources()
        .addLast(new MapPropertySource("embedded-postgres", Map.of("spring.datasource.url", url)));
    log.info("spring.datasource.url is not set: using an embedded PostgreSQL at " + url);
  }

  private static synchronized EmbeddedPostgresServer started() {
    EmbeddedPostgresServer running = server;
    if (running == null) {
      running = EmbeddedPostgresServer.start(ServerSettings.defaults().withDurable(true));
      Runtime.getRuntime().addShutdownHook(new Thread(running::close));
      server = running;
    }
    return running;
  }
}
