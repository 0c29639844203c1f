package dev.racefree.test.internal;

import dev.racefree.test.Step;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/** A connection that parks a session before each {@code commit()}, and wraps its statements. */
final class ParkingConnection implements InvocationHandler {

  private final Connection target;
  private int pid;

  ParkingConnection(Connection target) {
    this.target = target;
  }

  /**
   * The backend's process id, read from PgJDBC's {@code PGConnection.getBackendPID()} (no query: a
   * query would open the transaction, and take its snapshot, before the code under test does).
   * Looked up by name, so that the kit does not tie a team to one driver version.
   */
  int pid() {
    if (pid == 0) {
      try {
        Class<?> pg = Class.forName("org.postgresql.PGConnection");
        Object unwrapped = target.unwrap(pg);
        pid = (Integer) pg.getMethod("getBackendPID").invoke(unwrapped);
      } catch (ReflectiveOperationException | SQLException | RuntimeException e) {
        pid = -1; // not PgJDBC: blocks on locks cannot be seen
      }
    }
    return pid;
  }

  /** Cuts the physical connection: a pool evicts it, the server rolls back what was open. */
  void cut() {
    try {
      target.abort(Runnable::run);
    } catch (SQLException e) {
      throw new IllegalStateException("could not cut the connection", e);
    }
  }

  @Override
  public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args)
      throws Throwable {
    String name = method.getName();
    if (name.equals("commit")) {
      return Steps.run(
          Step.Kind.COMMIT,
          "COMMIT",
          List.of(),
          this::pid,
          this::cut,
          () -> call(method, args),
          r -> "ok");
    }
    Object result = call(method, args);
    if (name.equals("prepareStatement") || name.equals("prepareCall")) {
      String sql = args == null || args.length == 0 ? "" : String.valueOf(args[0]);
      Class<?> type =
          name.equals("prepareCall") ? CallableStatement.class : PreparedStatement.class;
      return statement(type, (Statement) Objects.requireNonNull(result), sql, (Connection) proxy);
    }
    if (name.equals("createStatement")) {
      return statement(
          Statement.class, (Statement) Objects.requireNonNull(result), null, (Connection) proxy);
    }
    return result;
  }

  private Object statement(
      Class<?> type, Statement statement, @Nullable String sql, Connection connection) {
    return Proxy.newProxyInstance(
        ParkingConnection.class.getClassLoader(),
        new Class<?>[] {type},
        new ParkingStatement(statement, sql, connection, this));
  }

  private @Nullable Object call(Method method, @Nullable Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() == null ? e : e.getCause();
    }
  }
}
