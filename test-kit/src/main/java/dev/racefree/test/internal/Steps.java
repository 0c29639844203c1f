package dev.racefree.test.internal;

import dev.racefree.test.Fault;
import dev.racefree.test.Step;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntSupplier;
import org.jspecify.annotations.Nullable;

/** Runs one JDBC call as a step: parked first when the calling thread runs a session. */
final class Steps {

  interface Call {
    @Nullable Object run() throws Throwable;
  }

  private Steps() {}

  static @Nullable Object run(
      Step.Kind kind,
      String sql,
      List<@Nullable Object> binds,
      IntSupplier pid,
      Runnable cut,
      Call call,
      Function<@Nullable Object, String> describe)
      throws Throwable {
    SessionState s = Run.current();
    if (s == null) {
      return call.run();
    }
    PendingStep step = s.run.park(s, kind, sql, binds, pid.getAsInt());
    try {
      Object result = call.run();
      if (step.fault == Fault.Kind.LOSE_ANSWER) {
        cut.run();
        throw new SQLException(
            "racefree-test cut the connection after the statement ran: its answer is lost",
            "08006");
      }
      s.run.stepEnded(s, describe.apply(result));
      return result;
    } catch (Throwable e) {
      s.run.stepEnded(s, failure(e));
      throw e;
    }
  }

  private static String failure(Throwable e) {
    String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
    return e instanceof SQLException sql && sql.getSQLState() != null
        ? "failed " + sql.getSQLState() + ": " + message
        : "failed " + e.getClass().getSimpleName() + ": " + message;
  }
}
