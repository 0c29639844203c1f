package dev.racefree.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * A PostgreSQL server started from binaries on Maven Central (io.zonky.test), listening on
 * localhost, superuser {@value #USER} without a password. Stopped by {@link #close()} or, failing
 * that, when the JVM exits.
 *
 * <pre>{@code
 * try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(ServerSettings.defaults())) {
 *   RacefreeMigrations.migrate(pg.dataSource());
 * }
 * }</pre>
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

  /** The superuser every embedded server has; it needs no password. */
  public static final String USER = "postgres";

  /** The database every embedded server has. */
  public static final String DATABASE = "postgres";

  /**
   * PostgreSQL's own {@code max_connections}. io.zonky.test's builder starts every server with 300;
   * an embedded server here runs with the stock value unless the settings name another.
   */
  static final String STOCK_MAX_CONNECTIONS = "100";

  /** Generous: a durable start on a small machine that is busy building. */
  private static final Duration STARTUP_WAIT = Duration.ofSeconds(60);

  private final EmbeddedPostgres postgres;
  private final ServerSettings settings;
  private final Path dataDirectory;

  private EmbeddedPostgresServer(
      EmbeddedPostgres postgres, ServerSettings settings, Path dataDirectory) {
    this.postgres = postgres;
    this.settings = settings;
    this.dataDirectory = dataDirectory;
  }

  /**
   * Starts a server with these settings and waits until it accepts connections.
   *
   * @throws UncheckedIOException if the binaries cannot be unpacked or the server does not start
   */
  public static EmbeddedPostgresServer start(ServerSettings settings) {
    Objects.requireNonNull(settings, "settings can not be null");
    try {
      Path given = settings.dataDirectory();
      Path dataDirectory = given != null ? given : Files.createTempDirectory("racefree-pg");
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              // A directory the caller gave is theirs: keep it, and start its cluster as it is.
              .setCleanDataDirectory(given == null)
              .setPort(settings.port())
              .setPGStartupWait(STARTUP_WAIT)
              .setServerConfig("max_connections", STOCK_MAX_CONNECTIONS);
      settings.postgresConfig().forEach(builder::setServerConfig);
      return new EmbeddedPostgresServer(builder.start(), settings, dataDirectory);
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not start", e);
    }
  }

  /** The URL of database {@value #DATABASE} as {@value #USER}, user included. */
  public String jdbcUrl() {
    return jdbcUrl(DATABASE);
  }

  /** The URL of {@code database} as {@value #USER}, user included. */
  public String jdbcUrl(String database) {
    return postgres.getJdbcUrl(USER, database);
  }

  /** {@value #USER}: the superuser, which needs no password. */
  public String user() {
    return USER;
  }

  /** The port the server listens on, on localhost. */
  public int port() {
    return postgres.getPort();
  }

  /** Where the cluster lives: the directory given in the settings, or a temporary one. */
  public Path dataDirectory() {
    return dataDirectory;
  }

  /** Unpooled connections to database {@value #DATABASE} as {@value #USER}. */
  public DataSource dataSource() {
    return postgres.getPostgresDatabase();
  }

  /** The settings this server started with. */
  public ServerSettings settings() {
    return settings;
  }

  /**
   * Stops the server (fast shutdown: open sessions are ended) and deletes the data directory unless
   * the settings named it. Calling it again does nothing.
   */
  @Override
  public void close() {
    try {
      postgres.close();
    } catch (IOException e) {
      throw new UncheckedIOException("embedded PostgreSQL did not stop", e);
    }
  }
}
