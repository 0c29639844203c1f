package dev.racefree.test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.Racefree;
import dev.racefree.db.RacefreeMigrations;
import dev.racefree.embedded.EmbeddedPostgresServer;
import dev.racefree.embedded.ServerSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * The kit's own tests' PostgreSQL: one embedded server per JVM, migrated by racefree, with the
 * naive examples' tables, behind a pool sized for a 64-copy burst on a stock server (100
 * connections).
 */
final class KitDatabase {

  static final int POOL = 70;

  private static KitDatabase instance;

  final HikariDataSource dataSource;

  private KitDatabase() {
    EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(ServerSettings.defaults());
    Runtime.getRuntime().addShutdownHook(new Thread(pg::close));
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(pg.jdbcUrl());
    config.setMaximumPoolSize(POOL);
    config.setMinimumIdle(POOL); // a burst finds its connections open
    config.setPoolName("racefree-test");
    dataSource = new HikariDataSource(config);
    RacefreeMigrations.migrate(dataSource);
    execute(
        dataSource,
        "create table kit_accounts (id bigint primary key, balance bigint not null)",
        "create table kit_coupons (code text primary key, redeemed_by text)",
        // No unique key on the seat: the naive booking's mistake.
        "create table kit_seats (seat text primary key)",
        "create table kit_bookings (id bigserial primary key, seat text not null, customer text)",
        "create table kit_profiles (id bigint primary key, version int not null, name text)");
  }

  static synchronized KitDatabase get() {
    if (instance == null) {
      instance = new KitDatabase();
    }
    return instance;
  }

  static DataSource dataSource() {
    return get().dataSource;
  }

  static Racefree racefree(DataSource dataSource) {
    return Racefree.using(DSL.using(dataSource, SQLDialect.POSTGRES));
  }

  static void execute(DataSource dataSource, String... statements) {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The one account {@code id}, with {@code balance}, and nothing else in the naive tables. */
  static void reset(long id, long balance) {
    execute(
        dataSource(),
        "truncate kit_accounts, kit_coupons, kit_seats, kit_bookings, kit_profiles",
        "insert into kit_accounts values (" + id + ", " + balance + ")",
        "insert into kit_coupons values ('WELCOME', null)",
        "insert into kit_seats values ('12A')",
        "insert into kit_profiles values (1, 0, 'ada')");
  }

  static long balance(long id) {
    return Long.parseLong(single("select balance from kit_accounts where id = " + id));
  }

  static long count(String sql) {
    return Long.parseLong(single(sql));
  }

  private static String single(String sql) {
    try (Connection c = dataSource().getConnection();
        Statement s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      if (!rs.next()) {
        throw new IllegalStateException("no row from " + sql);
      }
      return rs.getString(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
