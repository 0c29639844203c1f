package dev.racefree.lab.chaos;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import dev.racefree.lab.server.StandbyPair;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.Result;
import org.jooq.Table;

/**
 * Terminates backends while their COMMIT waits for the synchronous standby, the case PostgreSQL's
 * {@code syncrep.c} warns about: the transaction is committed locally, visible to others, maybe not
 * on the standby yet, and its client gets no answer. The standby's walreceiver is stopped, so
 * commits on the primary wait ({@code wait_event = 'SyncRep'}); once the load has piled up behind
 * it, exactly the chaos clients' backends waiting so are terminated ({@code pg_terminate_backend}),
 * each counted once; then the standby goes on, and {@link #strike} returns once it has flushed
 * everything the primary had, ready for the primary's kill.
 */
final class SyncWaitKiller {

  /** How long commits get to pile up behind the stopped standby. */
  private static final Duration WAITERS_WITHIN = Duration.ofSeconds(10);

  /** How long the standby gets to catch up once it goes on. */
  private static final Duration CATCH_UP_WITHIN = Duration.ofSeconds(60);

  private final StandbyPair pair;
  private final DSLContext admin;
  private final String applicationName;
  private final int enough;
  private final Set<Integer> terminated = new HashSet<>();

  /**
   * @param enough how many sync waiters to terminate, in rounds, before the standby goes on (fewer
   *     if the wait runs out)
   */
  SyncWaitKiller(StandbyPair pair, DSLContext admin, String applicationName, int enough) {
    this.pair = pair;
    this.admin = admin;
    this.applicationName = applicationName;
    this.enough = enough;
  }

  /**
   * Stops the standby, terminates the sync waiters (in rounds: the rows a waiter holds free its
   * rivals once it is gone, and they come to wait too) until {@code enough} are or the wait runs
   * out, then lets the standby go on and catch up.
   */
  void strike() {
    pair.pauseStandby();
    try {
      long deadline = System.nanoTime() + WAITERS_WITHIN.toNanos();
      while (terminated.size() < enough && awaitPileUp(deadline)) {
        Result<Record2<Integer, Boolean>> killed =
            admin
                .select(
                    field(name("pid"), Integer.class),
                    function("pg_terminate_backend", Boolean.class, field(name("pid"))))
                .from(table(name("pg_catalog", "pg_stat_activity")))
                .where(syncWaiters())
                .fetch();
        for (Record2<Integer, Boolean> k : killed) {
          if (Boolean.TRUE.equals(k.value2())) {
            terminated.add(k.value1());
          }
        }
      }
    } finally {
      pair.resumeStandby();
    }
    pair.awaitStandbyFlushed(CATCH_UP_WITHIN);
  }

  /**
   * Until at least one of the clients' backends waits for the standby and none runs (the rest wait
   * for the standby, for a row a waiter holds, or for their client): the load has piled up behind
   * the stopped standby. False if the deadline passes with no waiter.
   */
  private boolean awaitPileUp(long deadline) {
    Table<?> activity = table(name("pg_catalog", "pg_stat_activity"));
    while (true) {
      int waiting = admin.fetchCount(activity, syncWaiters());
      if (waiting > 0
          && admin.fetchCount(
                  activity,
                  ours()
                      .and(field(name("state"), String.class).eq("active"))
                      .and(field(name("wait_event"), String.class).isDistinctFrom("SyncRep"))
                      .and(field(name("wait_event_type"), String.class).isDistinctFrom("Lock")))
              == 0) {
        return true;
      }
      if (System.nanoTime() > deadline) {
        return waiting > 0;
      }
      LockSupport.parkNanos(5_000_000L); // nothing to wait on but the catalog
    }
  }

  /** The chaos clients' backends waiting for the standby, not terminated already. */
  private Condition syncWaiters() {
    Condition waiting = ours().and(field(name("wait_event"), String.class).eq("SyncRep"));
    return terminated.isEmpty()
        ? waiting
        : waiting.and(field(name("pid"), Integer.class).notIn(terminated));
  }

  private Condition ours() {
    return field(name("application_name"), String.class)
        .eq(applicationName)
        .and(field(name("backend_type"), String.class).eq("client backend"));
  }

  /** Backends terminated while their COMMIT waited for the standby; read after its thread ended. */
  int terminated() {
    return terminated.size();
  }
}
