package dev.racefree.it;

import dev.racefree.embedded.EmbeddedPostgresServer;
import dev.racefree.embedded.ServerSettings;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where the tests' PostgreSQL comes from, in this order:
 *
 * <ol>
 *   <li>{@code -Dracefree.test.jdbcUrl} (+ {@code .user}, {@code .password}): that server;
 *   <li>{@code -Dracefree.test.db=testcontainers} (+ {@code .image}): a container, where Docker
 *       exists;
 *   <li>otherwise an embedded PostgreSQL (io.zonky.test), binaries from Maven Central.
 * </ol>
 *
 * One server per JVM; the JVM's exit stops it. Every server runs with PostgreSQL's own settings
 * ({@code max_connections} 100 among them): the tests size their pools to the server ({@link
 * ConnectionBudget}), never the server to the tests. The embedded one is not durable (fsync and
 * synchronous_commit off), which changes no outcome a correctness test checks.
 */
record TestServer(String jdbcUrl, String user, String password, String description) {

  static TestServer choose() {
    String url = property("racefree.test.jdbcUrl");
    if (!url.isEmpty()) {
      return new TestServer(
          url, property("racefree.test.user"), property("racefree.test.password"), "given by URL");
    }
    if ("testcontainers".equals(property("racefree.test.db"))) {
      return container(
          property("racefree.test.image").isEmpty()
              ? "postgres:18-alpine"
              : property("racefree.test.image"));
    }
    if (!property("racefree.test.db").isEmpty()
        && !"embedded".equals(property("racefree.test.db"))) {
      throw new IllegalArgumentException(
          "racefree.test.db must be 'embedded' or 'testcontainers', was "
              + property("racefree.test.db"));
    }
    return embedded();
  }

  private static TestServer embedded() {
    EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(ServerSettings.defaults());
    Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
    return new TestServer(pg.jdbcUrl(), pg.user(), "", "embedded (io.zonky.test)");
  }

  private static TestServer container(String image) {
    PostgreSQLContainer pg = new PostgreSQLContainer(image);
    pg.start();
    Runtime.getRuntime().addShutdownHook(new Thread(pg::stop));
    return new TestServer(
        pg.getJdbcUrl(), pg.getUsername(), pg.getPassword(), "testcontainers " + image);
  }

  private static String property(String name) {
    return System.getProperty(name, "").strip();
  }
}
