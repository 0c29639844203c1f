package dev.racefree.lab.server;

import java.util.Properties;
import org.jspecify.annotations.Nullable;
import org.postgresql.Driver;

/**
 * How to reach the server: for the lab's own pools, and split into host, port and database for
 * pgbench, which takes no JDBC URL. PgJDBC parses the URL, so it is read the way the driver reads
 * it.
 */
public record Connect(String jdbcUrl, @Nullable String user, @Nullable String password) {

  @Override
  public String toString() {
    return "Connect[" + jdbcUrl + ", user=" + user + "]"; // never the password
  }

  /** PgJDBC's reading of the URL: PGHOST, PGPORT, PGDBNAME and any URL parameters. */
  public Properties parsed() {
    Properties props = Driver.parseURL(jdbcUrl, new Properties());
    if (props == null) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + jdbcUrl);
    }
    return props;
  }

  /** The user for libpq-based tools: the one given, else the URL's, else postgres. */
  public String effectiveUser() {
    if (user != null) {
      return user;
    }
    return parsed().getProperty("user", "postgres");
  }

  /** The password given, else the URL's, else none. */
  public @Nullable String effectivePassword() {
    if (password != null) {
      return password;
    }
    return parsed().getProperty("password");
  }
}
