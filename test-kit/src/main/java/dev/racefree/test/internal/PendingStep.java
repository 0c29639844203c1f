package dev.racefree.test.internal;

import dev.racefree.test.Fault;
import dev.racefree.test.Step;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A step as it happens: parked, let through, possibly blocked, then ended with a result. */
final class PendingStep {
  final int session;
  final Step.Kind kind;
  final String sql;
  final List<@Nullable Object> binds;
  final int pid;
  volatile String result = "(not run)";
  volatile boolean blocked;
  volatile Fault.@Nullable Kind fault;

  PendingStep(int session, Step.Kind kind, String sql, List<@Nullable Object> binds, int pid) {
    this.session = session;
    this.kind = kind;
    this.sql = sql;
    this.binds = binds;
    this.pid = pid;
  }

  Step toStep() {
    return new Step(session, kind, sql, binds, result, blocked, fault);
  }
}
