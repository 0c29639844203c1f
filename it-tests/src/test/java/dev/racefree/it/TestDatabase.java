package dev.racefree.it;

import static org.jooq.impl.DSL.dropSchemaIfExists;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.db.RacefreeMigrations;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The one migrated PostgreSQL the whole JVM tests against, behind a pool. Tests run as {@link
 * #APP_ROLE}, an application role with only what {@code grant_application_role} grants (not the
 * superuser), unless the server's user may not create roles; the owner ({@link #admin}) migrates.
 * Sessions run in a time zone that is not UTC (+05:45), so time-zone bugs surface. The pools are
 * sized from the connections the server allows ({@link ConnectionBudget}), read once before the
 * first opens; a test that needs more at once than a pool holds says so ({@link #requireAtOnce}).
 */
final class TestDatabase {

  static final String SESSION_TIME_ZONE = "Asia/Kathmandu";

  private static TestDatabase instance;

  /** The least-privileged role the tests run as. */
  static final String APP_ROLE = "racefree_it_app";

  final TestServer server;
  final ConnectionBudget budget;
  final HikariDataSource admin;
  final HikariDataSource dataSource;
  final DSLContext dsl;
  private final String user;
  private final String password;
  private HikariDataSource serializable;

  private TestDatabase(TestServer server) {
    this.server = server;
    this.budget = readBudget(server);
    if (budget.poolSize() < 2) {
      throw new IllegalStateException(
          "the server allows too few connections for the tests: " + budget.describe());
    }
    this.admin =
        pool(
            "racefree-it-admin",
            "SET TIME ZONE '" + SESSION_TIME_ZONE + "'",
            server.user(),
            server.password(),
            ConnectionBudget.ADMIN_POOL);
    boolean appRole = createAppRole(DSL.using(admin, SQLDialect.POSTGRES));
    this.user = appRole ? APP_ROLE : server.user();
    this.password = appRole ? APP_ROLE : server.password();
    RacefreeMigrations.migrate(admin);
    grant();
    this.dataSource = pool("racefree-it", "SET TIME ZONE '" + SESSION_TIME_ZONE + "'");
    this.dsl = DSL.using(dataSource, SQLDialect.POSTGRES);
    System.out.println(
        "[racefree-it] PostgreSQL "
            + dsl.fetchValue(setting("server_version"))
            + " ("
            + server.description()
            + "), fsync="
            + dsl.fetchValue(setting("fsync"))
            + ", synchronous_commit="
            + dsl.fetchValue(setting("synchronous_commit"))
            + ", tests run as "
            + dsl.fetchValue(DSL.currentUser())
            + "; connections: "
            + budget.describe());
  }

  /** A server setting, as {@code SHOW} gives it. */
  private static Field<String> setting(String name) {
    return DSL.function("current_setting", String.class, DSL.val(name));
  }

  /** Reads the budget on a connection of its own, before any pool is open. */
  private static ConnectionBudget readBudget(TestServer server) {
    try (Connection c =
        DriverManager.getConnection(
            withoutUser(server.jdbcUrl()), server.user(), server.password())) {
      return ConnectionBudget.read(DSL.using(c, SQLDialect.POSTGRES));
    } catch (SQLException e) {
      throw new IllegalStateException("could not read the server's connection limits", e);
    }
  }

  /**
   * Fails, naming what is needed and what the server allows, unless the shared pool (and the
   * serializable one, of the same size) can hand out {@code connections} at once. Tests whose
   * threads hold their connections while they wait for one another call it first, so that a server
   * too small for them fails them with a reason, not with a pool timeout.
   *
   * @param what who needs them ("32 lockers and the watcher counting them")
   */
  static void requireAtOnce(int connections, String what) {
    get().budget.require(connections, what);
  }

  /** Creates the application role, unless it exists; false when this server's user may not. */
  private static boolean createAppRole(DSLContext admin) {
    boolean may =
        Boolean.TRUE.equals(
            admin
                .select(
                    DSL.field(
                        DSL.condition(DSL.field(DSL.name("rolsuper"), Boolean.class))
                            .or(DSL.field(DSL.name("rolcreaterole"), Boolean.class))))
                .from(DSL.table(DSL.name("pg_catalog", "pg_roles")))
                .where(DSL.field(DSL.name("rolname"), String.class).eq(DSL.currentUser()))
                .fetchSingle()
                .value1());
    if (!may) {
      System.out.println("[racefree-it] the server's user may not create roles: tests run as it");
      return false;
    }
    admin.execute(
        "DO $$ BEGIN CREATE ROLE "
            + APP_ROLE
            + " LOGIN PASSWORD '"
            + APP_ROLE
            + "';"
            + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    return true;
  }

  private void grant() {
    if (user.equals(APP_ROLE)) {
      try {
        // tag::grant[]
        RacefreeMigrations.grantApplicationRole(admin, APP_ROLE); // as the owner, after migrating
        // end::grant[]
      } catch (java.sql.SQLException e) {
        throw new IllegalStateException("could not grant " + APP_ROLE, e);
      }
    }
  }

  /** A pool of its own, whose every connection first runs {@code initSql}; the caller closes it. */
  HikariDataSource separatePool(String name, String initSql) {
    return pool(
        name,
        "SET TIME ZONE '" + SESSION_TIME_ZONE + "'; " + initSql,
        user,
        password,
        ConnectionBudget.PER_TEST_POOL);
  }

  private HikariDataSource pool(String name, String initSql) {
    return pool(name, initSql, user, password, budget.poolSize());
  }

  private HikariDataSource pool(
      String name, String initSql, String user, String password, int size) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(withoutUser(server.jdbcUrl())); // PgJDBC lets the URL's user win
    config.setUsername(user);
    config.setPassword(password);
    config.setMaximumPoolSize(size);
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
    int active =
        dataSource.getHikariPoolMXBean().getActiveConnections()
            + admin.getHikariPoolMXBean().getActiveConnections();
    return serializable == null
        ? active
        : active + serializable.getHikariPoolMXBean().getActiveConnections();
  }

  /**
   * Drops schema racefree and migrates it from nothing, so every test starts from an empty, freshly
   * migrated schema (and every test proves the migrations apply to an empty database).
   */
  synchronized void reset() {
    DSL.using(admin, SQLDialect.POSTGRES)
        .execute(dropSchemaIfExists(RacefreeMigrations.SCHEMA).cascade());
    RacefreeMigrations.migrate(admin);
    grant();
    // Pooled connections keep server-side prepared statements whose result types name the dropped
    // schema's enum types (PostgreSQL: "cached plan must not change result type"): start afresh.
    dataSource.getHikariPoolMXBean().softEvictConnections();
    if (serializable != null) {
      serializable.getHikariPoolMXBean().softEvictConnections();
    }
  }

  /** The URL without a {@code user=} parameter, so that the pool's user is the one that logs in. */
  static String withoutUser(String url) {
    return url.replaceAll("([?&])user=[^&]*(&|$)", "$1").replaceAll("[?&]$", "");
  }
}
