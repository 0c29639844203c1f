package dev.racefree.test;

/**
 * A fault injected at one point of every schedule: at session {@code session}'s {@code step}-th
 * step, or its {@code step}-th COMMIT (both from 1, counted across everything the session runs,
 * retries included).
 *
 * @param kind what happens there
 * @param session which session
 * @param step which of its steps, or of its commits
 * @param commits whether {@code step} counts commits only
 */
public record Fault(Kind kind, int session, int step, boolean commits) {

  /** What a fault does. */
  public enum Kind {
    /**
     * The session's backend is terminated ({@code pg_terminate_backend}) before the step is let
     * through: the statement fails, and the open transaction is rolled back.
     */
    KILL_BACKEND_BEFORE,
    /**
     * The step runs (a COMMIT commits), then the connection is cut before the answer reaches the
     * code, which gets a {@link java.sql.SQLException} with SQLState {@code 08006}: the outcome is
     * unknown to the caller, as after a network failure just after COMMIT was sent.
     */
    LOSE_ANSWER
  }

  /** Checks the values. */
  public Fault {
    java.util.Objects.requireNonNull(kind, "kind can not be null");
    if (session < 1 || step < 1) {
      throw new IllegalArgumentException(
          "session and step count from 1, were " + session + " and " + step);
    }
  }

  /** Kills session {@code session}'s backend before its {@code step}-th step. */
  public static Fault killBackendBefore(int session, int step) {
    return new Fault(Kind.KILL_BACKEND_BEFORE, session, step, false);
  }

  /** Kills session {@code session}'s backend before its {@code commit}-th COMMIT. */
  public static Fault killBackendBeforeCommit(int session, int commit) {
    return new Fault(Kind.KILL_BACKEND_BEFORE, session, commit, true);
  }

  /** Runs session {@code session}'s {@code step}-th step, then cuts its connection. */
  public static Fault loseAnswer(int session, int step) {
    return new Fault(Kind.LOSE_ANSWER, session, step, false);
  }

  /** Commits session {@code session}'s {@code commit}-th COMMIT, then cuts its connection. */
  public static Fault loseAnswerOfCommit(int session, int commit) {
    return new Fault(Kind.LOSE_ANSWER, session, commit, true);
  }
}
