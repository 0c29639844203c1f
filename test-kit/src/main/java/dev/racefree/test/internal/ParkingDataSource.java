package dev.racefree.test.internal;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Objects;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The team's {@link DataSource}, whose connections park the calling thread before each statement
 * and before each commit while that thread runs a session of an interleaving; on any other thread
 * they pass every call straight through.
 */
public final class ParkingDataSource implements DataSource {

  private final DataSource target;

  /** Wraps {@code target}. */
  public ParkingDataSource(DataSource target) {
    this.target = Objects.requireNonNull(target, "target can not be null");
  }

  /** The data source wrapped: the scheduler's own connection (the lock watcher) comes from it. */
  public DataSource target() {
    return target;
  }

  @Override
  public Connection getConnection() throws SQLException {
    return wrap(target.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return wrap(target.getConnection(username, password));
  }

  private static Connection wrap(Connection connection) {
    return (Connection)
        Proxy.newProxyInstance(
            ParkingDataSource.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new ParkingConnection(connection));
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return target.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    target.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    target.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return target.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return target.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return type.isInstance(this) ? type.cast(this) : target.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return type.isInstance(this) || target.isWrapperFor(type);
  }
}
