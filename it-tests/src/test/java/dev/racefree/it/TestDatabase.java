package dev.racefree.it;

import static org.jooq.impl.DSL.dropSchemaIfExists;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.db.RacefreeMigrations;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The one migrated PostgreSQL the whole JVM tests against, behind a pool. Sessions run in a time
 * zone that is not UTC (+05:45), so time-zone bugs surface.
 */
final class TestDatabase {

  static final String SESSION_TIME_ZONE = "Asia/Kathmandu";

  private static TestDatabase instance;

  final TestServer server;
  final HikariDataSource dataSource;
  final DSLContext dsl;
  private HikariDataSource serializable;

  private TestDatabase(TestServer server) {
    this.server = server;
    this.dataSource = pool("racefree-it", "SET TIME ZONE '" + SESSION_TIME_ZONE + "'");
    this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    System.out.println(
        "[racefree-it] PostgreSQL "
            + dsl.fetchValue("SHOW server_version")
            + " ("
            + server.description()
            + "), fsync="
            + dsl.fetchValue("SHOW fsync")
            + ", synchronous_commit="
            + dsl.fetchValue("SHOW synchronous_commit"));
  }

  /** A pool of its own, whose every connection first runs {@code initSql}; the caller closes it. */
  HikariDataSource separatePool(String name, String initSql) {
    return pool(name, "SET TIME ZONE '" + SESSION_TIME_ZONE + "'; " + initSql);
  }

  private HikariDataSource pool(String name, String initSql) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setUsername(server.user());
    config.setPassword(server.password());
    config.setMaximumPoolSize(80);
    config.setConnectionInitSql(initSql);
    config.setPoolName(name);
    HikariDataSource pool = new HikariDataSource(config);
    Runtime.getRuntime().addShutdownHook(new Thread(pool::close));
    return pool;
  }

  /** A context whose every transaction runs at the given isolation level. */
  synchronized DSLContext dsl(Isolation isolation) {
    if (isolation == Isolation.READ_COMMITTED) {
      return dsl;
    }
    if (serializable == null) {
      serializable =
          pool(
              "racefree-it-serializable",
              "SET TIME ZONE '"
                  + SESSION_TIME_ZONE
                  + "'; SET default_transaction_isolation = 'serializable'");
    }
    return DSL.using(serializable, SQLDialect.POSTGRES);
  }

  static synchronized TestDatabase get() {
    if (instance == null) {
      instance = new TestDatabase(TestServer.choose());
    }
    return instance;
  }

  synchronized int activeConnections() {
    int active = dataSource.getHikariPoolMXBean().getActiveConnections();
    return serializable == null
        ? active
        : active + serializable.getHikariPoolMXBean().getActiveConnections();
  }

  /**
   * Drops schema racefree and migrates it from nothing, so every test starts from an empty, freshly
   * migrated schema (and every test proves the migrations apply to an empty database).
   */
  synchronized void reset() {
    dsl.execute(dropSchemaIfExists(RacefreeMigrations.SCHEMA).cascade());
    RacefreeMigrations.migrate(dataSource);
    // Pooled connections keep server-side prepared statements whose result types name the dropped
    // schema's enum types (PostgreSQL: "cached plan must not change result type"): start afresh.
    dataSource.getHikariPoolMXBean().softEvictConnections();
    if (serializable != null) {
      serializable.getHikariPoolMXBean().softEvictConnections();
    }
  }
}
