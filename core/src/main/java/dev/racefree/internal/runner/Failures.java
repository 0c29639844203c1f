package dev.racefree.internal.runner;

import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.exception.ConnectionLostException;
import dev.racefree.exception.ConnectionUnavailableException;
import dev.racefree.exception.ConstraintViolationException;
import dev.racefree.exception.DatabaseException;
import dev.racefree.exception.DeadlockDetectedException;
import dev.racefree.exception.DuplicateReferenceException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.LockNotAvailableException;
import dev.racefree.exception.RacefreeException;
import dev.racefree.exception.SerializationFailureException;
import dev.racefree.exception.StatementTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/** Classifies database failures by SQLState, never by driver exception class. */
public final class Failures {

  private Failures() {}

  /**
   * {@code t} as it should reach the caller: a database failure ({@link SQLException} or jOOQ's
   * {@link DataAccessException}) classified; anything else, the caller's own exceptions included,
   * unchanged (a checked one is rethrown as is).
   */
  public static RuntimeException classifyOrRethrow(Throwable t) {
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

  /**
   * {@code e} classified by its SQLState; the cause is the driver's {@link SQLException} (the first
   * one with a SQLState along the cause chain, else the first one), not jOOQ's wrapper. Failing to
   * get a connection at all is {@link ConnectionUnavailableException} whatever the state: nothing
   * was sent.
   */
  public static RacefreeException classify(Throwable e) {
    String state = sqlState(e);
    String message = message(e);
    Throwable cause = driver(e);
    if (unavailable(e)) {
      return new ConnectionUnavailableException(message, state, cause);
    }
    if (state == null) {
      return lost(e)
          ? new ConnectionLostException(message, null, cause)
          : new DatabaseException(message, null, cause);
    }
    return switch (state) {
      case "22003" -> new AmountOutOfRangeException(message, state, cause);
      // invalid_parameter_value: e.g. a period's time zone the server's tz database lacks.
      case "22023" -> new InvalidArgumentException(message, state, cause);
      // The index's name is an identifier in the server's message, in every language.
      case "23505" ->
          String.valueOf(cause.getMessage()).contains(DuplicateReferenceException.INDEX)
              ? new DuplicateReferenceException(message, state, cause)
              : new ConstraintViolationException(message, state, cause);
      case "40001" -> new SerializationFailureException(message, state, cause);
      case "40P01" -> new DeadlockDetectedException(message, state, cause);
      case "55P03" -> new LockNotAvailableException(message, state, cause);
      case "57014" -> new StatementTimeoutException(message, state, cause);
      case "57P01", "57P02", "57P03" -> new ConnectionLostException(message, state, cause);
      default ->
          switch (state.substring(0, 2)) {
            case "23" -> new ConstraintViolationException(message, state, cause);
            case "08" -> new ConnectionLostException(message, state, cause);
            default -> new DatabaseException(message, state, cause);
          };
    };
  }

  /** Whether {@code e} carries SQLState {@code state} along its cause chain. */
  public static boolean hasState(Throwable e, String state) {
    return state.equals(sqlState(e));
  }

  /** The driver's exception: the first SQLException with a state, else the first one, else e. */
  private static Throwable driver(Throwable e) {
    Throwable first = null;
    for (@Nullable Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        if (s.getSQLState() != null) {
          return s;
        }
        first = first == null ? s : first;
      }
    }
    return first == null ? e : first;
  }

  /** Whether no connection could be had at all (a pool's or driver's connect failure). */
  private static boolean unavailable(Throwable e) {
    for (@Nullable Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
    }
    return false;
  }

  /** Whether the driver says the connection broke ({@link SQLRecoverableException} and kin). */
  private static boolean lost(Throwable e) {
    for (@Nullable Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLRecoverableException || t instanceof SQLNonTransientConnectionException) {
        return true;
      }
    }
    return false;
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
