package dev.racefree.lab.chaos;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.rand;
import static org.jooq.impl.DSL.table;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jspecify.annotations.Nullable;

/**
 * Terminates one random backend of the chaos clients every interval ({@code pg_terminate_backend}),
 * until stopped: a transaction in flight is rolled back and its client sees a lost connection; a
 * commit in flight may or may not have happened.
 */
final class BackendKiller implements Runnable {

  private final DSLContext admin;
  private final String applicationName;
  private final long intervalNanos;
  private final AtomicBoolean stop = new AtomicBoolean();
  private int kills;
  private volatile @Nullable Thread runner;

  BackendKiller(DSLContext admin, String applicationName, long intervalNanos) {
    this.admin = admin;
    this.applicationName = applicationName;
    this.intervalNanos = intervalNanos;
  }

  @Override
  public void run() {
    runner = Thread.currentThread();
    while (!stop.get()) {
      LockSupport.parkNanos(intervalNanos); // a fault schedule, not a synchronisation
      if (stop.get()) {
        return;
      }
      Boolean killed;
      try {
        killed =
            admin
                .select(function("pg_terminate_backend", Boolean.class, field(name("pid"))))
                .from(table(name("pg_catalog", "pg_stat_activity")))
                .where(field(name("application_name"), String.class).eq(applicationName))
                .and(field(name("backend_type"), String.class).eq("client backend"))
                .orderBy(rand())
                .limit(1)
                .fetchOne(0, Boolean.class);
      } catch (DataAccessException serverDown) {
        continue; // the server is crashing or restarting: the next round finds it again
      }
      if (Boolean.TRUE.equals(killed)) {
        kills++;
      }
    }
  }

  /** Stops it, at once: a long interval is not waited out. */
  void stop() {
    stop.set(true);
    Thread t = runner;
    if (t != null) {
      LockSupport.unpark(t);
    }
  }

  /** How many backends it terminated; read after its thread ended. */
  int kills() {
    return kills;
  }
}
