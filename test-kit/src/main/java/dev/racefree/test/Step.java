package dev.racefree.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One step of a schedule: a session let through one parking point, the statement it then ran, and
 * how that ended.
 *
 * @param session which session, from 1, in the order the sessions were given
 * @param kind a statement, or the COMMIT of the session's transaction
 * @param sql the statement as sent ({@code COMMIT} for a commit)
 * @param binds the bind values, by position from the first
 * @param result what the statement returned: an update count, {@code "rows"} for a query, or the
 *     SQLState and message of its exception
 * @param blocked whether the step waited on a lock another session held ({@code pg_locks})
 * @param fault the fault injected at this step, or {@code null}
 */
public record Step(
    int session,
    Kind kind,
    String sql,
    List<@Nullable Object> binds,
    String result,
    boolean blocked,
    Fault.@Nullable Kind fault) {

  /** What a step parks before. */
  public enum Kind {
    /** A statement: {@code execute}, {@code executeQuery}, {@code executeUpdate}, a batch. */
    STATEMENT,
    /** {@code Connection.commit()}. */
    COMMIT
  }

  /** Keeps an unmodifiable copy of the binds (which may hold {@code null}s). */
  public Step {
    Objects.requireNonNull(kind, "kind can not be null");
    Objects.requireNonNull(sql, "sql can not be null");
    Objects.requireNonNull(result, "result can not be null");
    binds = Collections.unmodifiableList(new ArrayList<>(binds));
  }

  /**
   * The statement's first word in upper case ({@code SELECT}, {@code UPDATE}, {@code COMMIT}, ...),
   * or {@code WITH}'s: enough to tell reads from writes in a schedule.
   */
  public String verb() {
    String s = sql.strip();
    int end = 0;
    while (end < s.length() && Character.isLetter(s.charAt(end))) {
      end++;
    }
    return s.substring(0, end).toUpperCase(java.util.Locale.ROOT);
  }

  /** Statements longer than this are shortened in {@link #toString()}; {@link #sql()} is whole. */
  static final int SHOWN = 240;

  @Override
  public String toString() {
    String text = sql.strip().replaceAll("\\s+", " ");
    if (text.length() > SHOWN) {
      text = text.substring(0, SHOWN) + "... (" + text.length() + " characters)";
    }
    List<String> shown = new ArrayList<>();
    for (Object b : binds) {
      shown.add(b instanceof byte[] bytes ? "bytes[" + bytes.length + "]" : String.valueOf(b));
    }
    return "s"
        + session
        + ": "
        + text
        + (binds.isEmpty() ? "" : " " + shown)
        + " -> "
        + result
        + (blocked ? " (blocked on a lock, resumed later)" : "")
        + (fault == null ? "" : " [fault: " + fault + "]");
  }
}
