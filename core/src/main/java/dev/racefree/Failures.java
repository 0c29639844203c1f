package dev.racefree;

import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.exception.ConnectionLostException;
import dev.racefree.exception.ConstraintViolationException;
import dev.racefree.exception.DatabaseException;
import dev.racefree.exception.DeadlockDetectedException;
import dev.racefree.exception.LockNotAvailableException;
import dev.racefree.exception.RacefreeException;
import dev.racefree.exception.SerializationFailureException;
import dev.racefree.exception.StatementTimeoutException;
import java.sql.SQLException;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/** Classifies database failures by SQLState, never by driver exception class. */
final class Failures {

  private Failures() {}

  /**
   * {@code t} as it should reach the caller: a database failure ({@link SQLException} or jOOQ's
   * {@link DataAccessException}) classified; anything else, the caller's own exceptions included,
   * unchanged (a checked one is rethrown as is).
   */
  static RuntimeException classifyOrRethrow(Throwable t) {
    if (t instanceof SQLException || t instanceof DataAccessException) {
      return classify(t);
    }
    if (t instanceof RuntimeException r) {
      return r;
    }
    throw Failures.<RuntimeException>sneaky(t);
  }

  @SuppressWarnings({"unchecked", "TypeParameterUnusedInFormals"}) // the sneaky-throw idiom
  private static <E extends Throwable> E sneaky(Throwable t) throws E {
    throw (E) t;
  }

  static RacefreeException classify(Throwable e) {
    String state = sqlState(e);
    String message = message(e);
    if (state == null) {
      return new DatabaseException(message, null, e);
    }
    return switch (state) {
      case "22003" -> new AmountOutOfRangeException(message, state, e);
      case "40001" -> new SerializationFailureException(message, state, e);
      case "40P01" -> new DeadlockDetectedException(message, state, e);
      case "55P03" -> new LockNotAvailableException(message, state, e);
      case "57014" -> new StatementTimeoutException(message, state, e);
      case "57P01", "57P02", "57P03" -> new ConnectionLostException(message, state, e);
      default ->
          switch (state.substring(0, 2)) {
            case "23" -> new ConstraintViolationException(message, state, e);
            case "08" -> new ConnectionLostException(message, state, e);
            default -> new DatabaseException(message, state, e);
          };
    };
  }

  /** The first SQLState found along the cause chain, or {@code null}. */
  private static @Nullable String sqlState(Throwable e) {
    for (@Nullable Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s && s.getSQLState() != null) {
        return s.getSQLState();
      }
    }
    return null;
  }

  private static String message(Throwable e) {
    for (@Nullable Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        String m = s.getMessage();
        if (m != null) {
          return m;
        }
      }
    }
    String own = e.getMessage();
    return own != null ? own : e.toString();
  }
}
