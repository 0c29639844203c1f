package dev.racefree.spring;

import dev.racefree.embedded.EmbeddedPostgresServer;
import dev.racefree.embedded.ServerSettings;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * One embedded PostgreSQL for the JVM (stopped when it exits), and a database per name in it, so
 * that contexts whose set-ups must not meet (migrations on and off) each get their own.
 */
public final class TestPostgres {

  private static final EmbeddedPostgresServer SERVER = start();
  private static final Set<String> CREATED = new HashSet<>();

  private TestPostgres() {}

  private static EmbeddedPostgresServer start() {
    EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(ServerSettings.defaults()); // stock
    Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
    return pg;
  }

  /** The URL of {@code database}, created on first use; the user is in the URL. */
  public static synchronized String url(String database) {
    if (CREATED.add(database)) {
      try (Connection c = DriverManager.getConnection(SERVER.jdbcUrl());
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + database); // a test's own constant name
      } catch (SQLException e) {
        throw new IllegalStateException("could not create database " + database, e);
      }
    }
    return SERVER.jdbcUrl(database);
  }

  /** Points Boot's DataSource at {@code database}. */
  public static void register(DynamicPropertyRegistry registry, String database) {
    registry.add("spring.datasource.url", () -> url(database));
  }

  /**
   * A new connection to {@code database}, outside every pool: it sees exactly what was committed.
   */
  public static Connection fresh(String database) throws SQLException {
    return DriverManager.getConnection(url(database));
  }

  /** One number a query on a fresh connection returns. */
  public static long queryLong(String database, String sql, Object... binds) {
    try (Connection c = fresh(database);
        var ps = c.prepareStatement(sql)) {
      for (int i = 0; i < binds.length; i++) {
        ps.setObject(i + 1, binds[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }
}
