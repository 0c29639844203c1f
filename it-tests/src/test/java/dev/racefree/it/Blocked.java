package dev.racefree.it;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.Duration;
import org.jooq.Condition;
import org.jooq.DSLContext;

/**
 * Observes, through {@code pg_stat_activity}, how many sessions are blocked waiting for a lock.
 * Tests use it to know that a lock is really contended before they act, instead of sleeping.
 */
final class Blocked {

  private Blocked() {}

  static int waitingForLocks(DSLContext dsl) {
    return dsl.select(count())
        .from(table(name("pg_catalog", "pg_stat_activity")))
        .where(waitingForALock())
        .fetchSingle()
        .value1();
  }

  /** Terminates every session waiting for a lock; how many there were. */
  static int terminateWaiters(DSLContext dsl) {
    return dsl.select(function("pg_terminate_backend", Boolean.class, field(name("pid"))))
        .from(table(name("pg_catalog", "pg_stat_activity")))
        .where(waitingForALock())
        .fetch()
        .size();
  }

  private static Condition waitingForALock() {
    return field(name("wait_event_type"), String.class)
        .eq("Lock")
        .and(field(name("datname"), String.class).eq(field("current_database()", String.class)));
  }

  /** Polls until at least {@code n} sessions wait for a lock; fails after {@code limit}. */
  static void awaitWaiters(DSLContext dsl, int n, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (waitingForLocks(dsl) < n) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "expected "
                + n
                + " sessions waiting for a lock within "
                + limit
                + ", saw "
                + waitingForLocks(dsl));
      }
      Thread.onSpinWait();
    }
  }
}
