package dev.racefree.test.internal;

import org.jspecify.annotations.Nullable;

/** One session of one schedule, as its thread and the scheduler see it; guarded by its run. */
final class SessionState {

  enum Status {
    /** Running code between parking points (or before the first). */
    RUNNING,
    /** Waiting at a parking point for the scheduler. */
    PARKED,
    /** Let through, running the step's statement. */
    IN_STEP,
    /** Its call has returned or thrown. */
    FINISHED
  }

  final int session;
  final Run run;
  Status status = Status.RUNNING;
  @Nullable PendingStep step;
  boolean granted;

  /** In a step that the database says waits on another backend's lock. */
  boolean blocked;

  SessionState(int session, Run run) {
    this.session = session;
    this.run = run;
  }
}
