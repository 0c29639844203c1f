package dev.racefree.test.internal;

import dev.racefree.test.Step;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/** A statement that parks a session before it executes, and remembers its bind values. */
final class ParkingStatement implements InvocationHandler {

  private static final Set<String> EXECUTES =
      Set.of(
          "execute",
          "executeQuery",
          "executeUpdate",
          "executeLargeUpdate",
          "executeBatch",
          "executeLargeBatch");

  private final Statement target;
  private final @Nullable String sql;
  private final Connection connection;
  private final ParkingConnection owner;
  private final Map<Integer, @Nullable Object> binds = new TreeMap<>();

  ParkingStatement(
      Statement target, @Nullable String sql, Connection connection, ParkingConnection owner) {
    this.target = target;
    this.sql = sql;
    this.connection = connection;
    this.owner = owner;
  }

  @Override
  public @Nullable Object invoke(Object proxy, Method method, @Nullable Object[] args)
      throws Throwable {
    String name = method.getName();
    if (name.equals("getConnection")) {
      return connection;
    }
    if (name.startsWith("set")
        && args != null
        && args.length >= 2
        && args[0] instanceof Integer index
        && !name.equals("setFetchSize")) {
      binds.put(index, name.equals("setNull") ? null : args[1]);
    } else if (name.equals("clearParameters")) {
      binds.clear();
    }
    if (!EXECUTES.contains(name)) {
      return call(method, args);
    }
    String text = args != null && args.length > 0 && args[0] instanceof String s ? s : sql;
    return Steps.run(
        Step.Kind.STATEMENT,
        text == null ? "" : text,
        bindList(),
        owner::pid,
        owner::cut,
        () -> call(method, args),
        r -> describe(name, r));
  }

  private List<@Nullable Object> bindList() {
    List<@Nullable Object> list = new ArrayList<>();
    binds.forEach((index, value) -> {
      while (list.size() < index - 1) {
        list.add(null);
      }
      list.add(value);
    });
    return list;
  }

  private String describe(String name, @Nullable Object result) {
    if (result instanceof Integer || result instanceof Long) {
      long n = ((Number) result).longValue();
      return n == 1 ? "1 row" : n + " rows";
    }
    if (result instanceof int[] counts) {
      return "batch " + Arrays.toString(counts);
    }
    if (result instanceof long[] counts) {
      return "batch " + Arrays.toString(counts);
    }
    if (name.equals("executeQuery") || Boolean.TRUE.equals(result)) {
      return "rows";
    }
    try {
      int n = target.getUpdateCount();
      return n == 1 ? "1 row" : n + " rows";
    } catch (java.sql.SQLException e) {
      return "done";
    }
  }

  private @Nullable Object call(Method method, @Nullable Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() == null ? e : e.getCause();
    }
  }
}
