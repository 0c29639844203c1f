package dev.racefree.lab.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.db.RacefreeMigrations;
import dev.racefree.embedded.EmbeddedPostgresServer;
import dev.racefree.embedded.ServerSettings;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL the lab runs against, migrated: an embedded server (racefree-embedded-postgres) or
 * the one the user named. Hands out connection pools sized to the client count, and says how many
 * more connections the server allows. Every connection the lab opens carries an {@code
 * application_name} of this server object's own, so the lab can tell its connections from everyone
 * else's in {@code pg_stat_activity}.
 */
public final class LabServer implements AutoCloseable {

  /** The admin pool: set-up, balance checks, the connection budget. Always open. */
  static final int ADMIN_CONNECTIONS = 2;

  private static final AtomicInteger SEQUENCE = new AtomicInteger();

  private final Connect connect;
  private final @Nullable EmbeddedPostgresServer embedded;
  private final String applicationName;
  private final HikariDataSource admin;

  private LabServer(Connect connect, @Nullable EmbeddedPostgresServer embedded) {
    this.connect = connect;
    this.embedded = embedded;
    this.applicationName =
        "racefree-lab " + ProcessHandle.current().pid() + "." + SEQUENCE.incrementAndGet();
    this.admin = pool(connect, ADMIN_CONNECTIONS, "lab-admin", adminApplicationName());
  }

  /** The server {@code connect} names, with schema racefree migrated. */
  public static LabServer migrated(Connect connect) {
    return migrated(new LabServer(connect, null));
  }

  /**
   * The server {@code connect} names, as it is: not migrated, for read-only work such as an audit.
   */
  public static LabServer existing(Connect connect) {
    return new LabServer(connect, null);
  }

  /** An embedded PostgreSQL with stock settings: {@code max_connections} 100. */
  public static LabServer embedded(boolean durable) throws IOException {
    return embedded(durable, 100);
  }

  /**
   * An embedded PostgreSQL. {@code durable}: fsync and synchronous_commit on, as production runs
   * and as benchmarks must; off only for correctness tests, where it changes no outcome.
   */
  public static LabServer embedded(boolean durable, int maxConnections) throws IOException {
    EmbeddedPostgresServer pg =
        EmbeddedPostgresServer.start(
            ServerSettings.defaults()
                .withDurable(durable)
                .withServerConfig("max_connections", String.valueOf(maxConnections)));
    try {
      return migrated(new LabServer(new Connect(pg.jdbcUrl(), pg.user(), null), pg));
    } catch (RuntimeException e) {
      pg.close();
      throw e;
    }
  }

  private static LabServer migrated(LabServer server) {
    try {
      RacefreeMigrations.migrate(server.admin);
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  public Connect connect() {
    return connect;
  }

  /**
   * The {@code application_name} of the lab's measured connections on this server; a baseline that
   * connects by itself (pgbench: {@code PGAPPNAME}) should use it too, so that {@link
   * #awaitOwnConnectionsClosed} waits for its connections as well.
   */
  public String applicationName() {
    return applicationName;
  }

  private String adminApplicationName() {
    return applicationName + " admin";
  }

  boolean isEmbedded() {
    return embedded != null;
  }

  /** A small pool for set-up and checks, never for measured work. */
  public DSLContext admin() {
    return dsl(admin);
  }

  /** As {@link #admin()}, with {@code settings} (a render mapping to a scratch schema). */
  public DSLContext admin(Settings settings) {
    return dsl(admin, settings);
  }

  /**
   * Migrates racefree's tables in {@code schema} up to {@code version} and no further, as an
   * earlier racefree left them, for a baseline that sends an earlier release's statements.
   */
  public void migrateTo(String schema, String version) {
    Flyway.configure()
        .configuration(RacefreeMigrations.flyway(admin, schema).getConfiguration())
        .target(version)
        .load()
        .migrate();
  }

  /**
   * How many more connections the server allows now, once the lab's own measured connections are
   * gone (the admin pool is counted as the lab's own).
   */
  public ConnectionBudget budget() {
    awaitOwnConnectionsClosed();
    return ConnectionBudget.read(admin(), adminApplicationName(), ADMIN_CONNECTIONS);
  }

  /**
   * A pool of exactly {@code size} connections, all opened before it is returned. Closing it
   * returns once the server has let go of every one of them, so that whatever runs next can have
   * their slots.
   */
  public HikariDataSource pool(int size) {
    return pool(size, connect);
  }

  /**
   * As {@link #pool(int)}, through a proxy on {@code proxyPort} on this machine that forwards to
   * this server: the URL's host and port are the proxy's, the rest is unchanged.
   */
  public HikariDataSource pool(int size, int proxyPort) {
    String viaProxy =
        connect.jdbcUrl().replaceFirst("^(jdbc:postgresql://)[^/?]*", "$1127.0.0.1:" + proxyPort);
    return pool(size, new Connect(viaProxy, connect.user(), connect.password()));
  }

  private HikariDataSource pool(int size, Connect to) {
    HikariDataSource pool =
        new HikariDataSource(config(to, size, "lab-" + size, applicationName)) {
          @Override
          public void close() {
            super.close();
            awaitOwnConnectionsClosed();
          }
        };
    List<Connection> opened = new ArrayList<>(size);
    try {
      for (int i = 0; i < size; i++) {
        opened.add(pool.getConnection());
      }
      for (Connection c : opened) {
        c.close();
      }
    } catch (SQLException e) {
      pool.close();
      throw new IllegalStateException("could not open " + size + " connections to " + to, e);
    }
    return pool;
  }

  /**
   * Waits until {@code pg_stat_activity} shows none of the lab's measured connections. A backend
   * leaves after its client has disconnected, a moment later; until then it holds its slot.
   */
  public void awaitOwnConnectionsClosed() {
    long deadline = System.nanoTime() + 30_000_000_000L;
    int open;
    while ((open = ownConnections()) > 0) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            open + " of the lab's connections are still open 30 s after their pool closed");
      }
      try {
        Thread.sleep(10); // nothing to wait on but the catalog
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(
            "interrupted while waiting for the lab's connections to close", e);
      }
    }
  }

  private int ownConnections() {
    return admin()
        .fetchCount(
            DSL.table(DSL.name("pg_catalog", "pg_stat_activity")),
            DSL.field(DSL.name("application_name"), String.class).eq(applicationName));
  }

  /**
   * The server process, for the chaos lab to crash and restart: only the lab's own embedded server.
   *
   * @throws IllegalStateException on a server given by URL, which the lab does not own
   */
  public Postmaster postmaster() {
    if (embedded == null) {
      throw new IllegalStateException(
          "only the lab's own embedded server can be crashed and restarted, not " + connect);
    }
    return Postmaster.running(embedded.dataDirectory());
  }

  /** The admin pool lets go of its connections, after the server behind them crashed. */
  public void forgetConnections() {
    Objects.requireNonNull(admin.getHikariPoolMXBean()).softEvictConnections();
  }

  public static DSLContext dsl(DataSource dataSource) {
    return dsl(dataSource, new Settings());
  }

  /** As {@link #dsl(DataSource)}, with {@code settings} (execute logging off, as always). */
  public static DSLContext dsl(DataSource dataSource, Settings settings) {
    return DSL.using(
        dataSource, SQLDialect.POSTGRES, ((Settings) settings.clone()).withExecuteLogging(false));
  }

  private static HikariDataSource pool(
      Connect connect, int size, String name, String applicationName) {
    return new HikariDataSource(config(connect, size, name, applicationName));
  }

  private static HikariConfig config(
      Connect connect, int size, String name, String applicationName) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(connect.jdbcUrl());
    config.setUsername(connect.user());
    config.setPassword(connect.password());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setPoolName(name);
    config.setConnectionTimeout(60_000);
    config.addDataSourceProperty("ApplicationName", applicationName);
    return config;
  }

  @Override
  public void close() {
    admin.close();
    if (embedded != null) {
      embedded.close();
    }
  }
}
