package dev.racefree.it;

import dev.racefree.embedded.ServerConnections;
import org.jooq.DSLContext;

/**
 * How many connections the tests' server lets this JVM open, read once before any pool exists, and
 * how they are shared out: {@code max_connections}, less the slots kept for superusers ({@code
 * superuser_reserved_connections}) and, from PostgreSQL 16, for {@code pg_use_reserved_connections}
 * ({@code reserved_connections}), less the client connections other sessions hold. The reserved
 * slots stay free even when the tests connect as a superuser. Nothing here changes a setting: the
 * pools fit the server, never the other way round.
 *
 * <p>Of what is free, the admin pool takes {@link #ADMIN_POOL}, {@link #HEADROOM} stays unpooled
 * for tests that open connections of their own, and the rest is split evenly between the shared
 * pool and the serializable one (each at most {@link #POOL_CAP}). On a stock server
 * (max_connections 100, 3 reserved, nobody else connected) that is 3 + 41 + 41, with 12 spare.
 *
 * @param inUseByOthers client connections open on the server when the budget was read, not counting
 *     the one that read it
 */
record ConnectionBudget(int maxConnections, int reserved, int inUseByOthers) {

  /** The owner's pool: migrations and resets, one at a time; Flyway may take two. */
  static final int ADMIN_POOL = 3;

  /**
   * The largest pool a single test opens for itself ({@link TestDatabase#separatePool},
   * SettingsMatrixTest's).
   */
  static final int PER_TEST_POOL = 4;

  /**
   * Left unpooled: two per-test pools at once, single connections opened by hand (ModulePathTest's
   * consumer, InputsAndFailuresTest's pool of one), and the slots of backends still exiting after a
   * pool closed or evicted their connections.
   */
  static final int HEADROOM = 3 * PER_TEST_POOL;

  /** More than any test holds at once: a larger pool only opens connections nobody takes. */
  static final int POOL_CAP = 64;

  /** Connections this JVM may open. */
  int free() {
    return Math.max(0, maxConnections - reserved - inUseByOthers);
  }

  /** The size of the shared pool, and of the serializable pool beside it. */
  int poolSize() {
    return Math.max(0, Math.min(POOL_CAP, (free() - ADMIN_POOL - HEADROOM) / 2));
  }

  /** What the server allows and how it is shared out, for messages. */
  String describe() {
    return String.format(
        "max_connections %d - %d reserved - %d in use by others = %d free;"
            + " pools: admin %d, shared %d, serializable %d; %d left for tests' own connections",
        maxConnections,
        reserved,
        inUseByOthers,
        free(),
        ADMIN_POOL,
        poolSize(),
        poolSize(),
        free() - ADMIN_POOL - 2 * poolSize());
  }

  /**
   * Fails, naming what is needed and what the server allows, unless one pool can hand out {@code
   * connections} at once.
   *
   * @param what who needs them ("32 lockers and the watcher counting them")
   */
  void require(int connections, String what) {
    if (connections > poolSize()) {
      throw new AssertionError(
          String.format(
              "%s need %d connections open at once; a test pool holds %d, sized from what the"
                  + " server allows (%s). Run against a server with more free connections; do not"
                  + " shrink the test",
              what, connections, poolSize(), describe()));
    }
  }

  /** Reads the budget through {@code dsl}'s one connection; nothing else of ours is open yet. */
  static ConnectionBudget read(DSLContext dsl) {
    ServerConnections s = ServerConnections.read(dsl, null);
    return new ConnectionBudget(s.maxConnections(), s.reserved(), s.inUse());
  }
}
