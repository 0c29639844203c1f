package dev.racefree.lab.server;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.db.RacefreeMigrations;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The PostgreSQL the lab runs against, migrated: an embedded server (io.zonky.test) or the one
 * the user named. Hands out connection pools sized to the client count.
 */
public final class LabServer implements AutoCloseable {

  private final Connect connect;
  private final EmbeddedPostgres embedded;
  private final HikariDataSource admin;

  private LabServer(Connect connect, EmbeddedPostgres embedded) {
    this.connect = connect;
    this.embedded = embedded;
    this.admin = pool(connect, 2, "lab-admin");
  }

  /** The server {@code connect} names, with schema racefree migrated. */
  public static LabServer migrated(Connect connect) {
    return migrated(new LabServer(connect, null));
  }

  /** The server {@code connect} names, as it is: not migrated, for read-only work such as an audit. */
  public static LabServer existing(Connect connect) {
    return new LabServer(connect, null);
  }

  /**
   * An embedded PostgreSQL. {@code durable}: fsync and synchronous_commit on, as production runs
   * and as benchmarks must; off only for correctness tests, where it changes no outcome.
   */
  public static LabServer embedded(boolean durable) throws IOException {
    String onOff = durable ? "on" : "off";
    EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setServerConfig("fsync", onOff)
        .setServerConfig("synchronous_commit", onOff)
        .setServerConfig("full_page_writes", onOff)
        // 64 pooled clients and 64 pgbench clients at once, plus the lab's own.
        .setServerConfig("max_connections", "300")
        .start();
    try {
      return migrated(new LabServer(new Connect(pg.getJdbcUrl("postgres", "postgres"), "postgres", null), pg));
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

  boolean isEmbedded() {
    return embedded != null;
  }

  /** A small pool for set-up and checks, never for measured work. */
  public DSLContext admin() {
    return dsl(admin);
  }

  /** A pool of exactly {@code size} connections, all opened before it is returned. */
  public HikariDataSource pool(int size) {
    HikariDataSource pool = pool(connect, size, "lab-" + size);
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
      throw new IllegalStateException("could not open " + size + " connections to " + connect, e);
    }
    return pool;
  }

  public static DSLContext dsl(javax.sql.DataSource dataSource) {
    return DSL.using(dataSource, SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));
  }

  private static HikariDataSource pool(Connect connect, int size, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(connect.jdbcUrl());
    config.setUsername(connect.user());
    config.setPassword(connect.password());
    config.setMaximumPoolSize(size);
    config.setMinimumIdle(size);
    config.setPoolName(name);
    config.setConnectionTimeout(60_000);
    return new HikariDataSource(config);
  }

  @Override
  public void close() {
    admin.close();
    if (embedded != null) {
      try {
        embedded.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
