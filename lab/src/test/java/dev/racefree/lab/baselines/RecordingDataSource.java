package dev.racefree.lab.baselines;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;

/**
 * A DataSource without a database that writes down what JDBC code does with it: each statement
 * prepared, each value bound (and how), commits and rollbacks. Every query returns one row whose
 * numbers are all {@link #ROW_VALUE}.
 */
final class RecordingDataSource {

  static final long ROW_VALUE = 1_000_000;

  final List<String> log = new ArrayList<>();

  DataSource dataSource() {
    return proxy(
        DataSource.class,
        (self, m, args) ->
            switch (m.getName()) {
              case "getConnection" -> connection();
              default -> unexpected(m);
            });
  }

  private Connection connection() {
    return proxy(
        Connection.class,
        (self, m, args) ->
            switch (m.getName()) {
              case "prepareStatement" -> {
                log.add("prepare " + args[0]);
                yield statement();
              }
              case "setAutoCommit" -> log("autocommit " + args[0]);
              case "commit", "rollback" -> log(m.getName());
              case "close" -> null;
              default -> unexpected(m);
            });
  }

  private PreparedStatement statement() {
    return proxy(
        PreparedStatement.class,
        (self, m, args) ->
            switch (m.getName()) {
              case "setLong", "setString", "setNull", "setObject", "setBoolean" ->
                  log("  " + m.getName() + Arrays.toString(args));
              case "executeQuery" -> row();
              case "close" -> null;
              default -> unexpected(m);
            });
  }

  private ResultSet row() {
    boolean[] read = {false};
    return proxy(
        ResultSet.class,
        (self, m, args) ->
            switch (m.getName()) {
              case "next" -> {
                boolean first = !read[0];
                read[0] = true;
                yield first;
              }
              case "getLong" -> ROW_VALUE;
              case "close" -> null;
              default -> unexpected(m);
            });
  }

  private Object log(String line) {
    log.add(line);
    return null;
  }

  private static Object unexpected(Method m) {
    throw new UnsupportedOperationException("the recorder does not expect " + m);
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    InvocationHandler withObjectMethods =
        (self, m, args) ->
            m.getDeclaringClass() != Object.class
                ? handler.invoke(self, m, args)
                : switch (m.getName()) {
                  case "equals" -> isSame(self, args[0]);
                  case "hashCode" -> System.identityHashCode(self);
                  default -> "recording " + type.getSimpleName();
                };
    return type.cast(
        Proxy.newProxyInstance(
            RecordingDataSource.class.getClassLoader(), new Class<?>[] {type}, withObjectMethods));
  }

  @SuppressWarnings("ReferenceEquality") // a proxy equals only itself
  private static boolean isSame(Object self, Object other) {
    return self == other;
  }
}
