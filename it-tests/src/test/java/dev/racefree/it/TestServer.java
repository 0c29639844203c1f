package dev.racefree.it;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where the tests' PostgreSQL comes from, in this order:
 * <ol>
 *   <li>{@code -Dracefree.test.jdbcUrl} (+ {@code .user}, {@code .password}): that server;
 *   <li>{@code -Dracefree.test.db=testcontainers} (+ {@code .image}): a container, where Docker exists;
 *   <li>otherwise an embedded PostgreSQL (io.zonky.test), binaries from Maven Central.
 * </ol>
 * One server per JVM; the JVM's exit stops it.
 */
record TestServer(String jdbcUrl, String user, String password, String description) {

  static TestServer choose() {
    String url = property("racefree.test.jdbcUrl");
    if (!url.isEmpty()) {
      return new TestServer(url, property("racefree.test.user"), property("racefree.test.password"), "given by URL");
    }
    if ("testcontainers".equals(property("racefree.test.db"))) {
      return container(property("racefree.test.image").isEmpty() ? "postgres:18-alpine" : property("racefree.test.image"));
    }
    if (!property("racefree.test.db").isEmpty() && !"embedded".equals(property("racefree.test.db"))) {
      throw new IllegalArgumentException("racefree.test.db must be 'embedded' or 'testcontainers', was " + property("racefree.test.db"));
    }
    return embedded();
  }

  private static TestServer embedded() {
    try {
      // Correctness tests: zonky's defaults (fsync and synchronous_commit off) are fine here.
      EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("max_connections", "300").start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> close(pg)));
      return new TestServer(pg.getJdbcUrl("postgres", "postgres"), "postgres", "", "embedded (io.zonky.test)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static TestServer container(String image) {
    PostgreSQLContainer pg = new PostgreSQLContainer(image).withCommand("postgres", "-c", "max_connections=300");
    pg.start();
    Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
    return new TestServer(pg.getJdbcUrl(), pg.getUsername(), pg.getPassword(), "testcontainers " + image);
  }

  private static void close(EmbeddedPostgres pg) {
    try {
      pg.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String property(String name) {
    return System.getProperty(name, "").strip();
  }
}
