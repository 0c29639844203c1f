package dev.racefree.lab.server;

import dev.racefree.embedded.ServerConnections;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * How many more connections the server lets the lab open: {@code max_connections}, less the slots
 * it keeps for superusers ({@code superuser_reserved_connections}) and, from PostgreSQL 16, for
 * {@code pg_use_reserved_connections} ({@code reserved_connections}), less the client connections
 * other sessions hold, less the lab's own admin pool. The reserved slots stay free even when the
 * lab connects as a superuser: they are how an administrator gets in while a bench runs.
 *
 * @param inUseByOthers client connections open on the server that are not the lab's admin pool
 * @param labOwn the lab's admin pool, open for the whole run
 */
public record ConnectionBudget(int maxConnections, int reserved, int inUseByOthers, int labOwn) {

  /** Connections the lab may still open. */
  public int free() {
    return Math.max(0, maxConnections - reserved - inUseByOthers - labOwn);
  }

  /**
   * Why {@code needed} more connections cannot be opened, or empty when they can.
   *
   * @param what who needs them, for the reason ("32 clients")
   */
  public Optional<String> shortfall(int needed, String what) {
    if (needed <= free()) {
      return Optional.empty();
    }
    return Optional.of(
        String.format(
            "%s need %d connections, the server has %d free"
                + " (max_connections %d - %d reserved - %d in use by others - %d the lab's own)",
            what, needed, free(), maxConnections, reserved, inUseByOthers, labOwn));
  }

  /**
   * Reads the budget now. Other sessions' rows in {@code pg_stat_activity} may hide their backend
   * type from an unprivileged user; those are counted as client connections.
   *
   * @param adminApplicationName the {@code application_name} of the lab's admin connections
   */
  static ConnectionBudget read(
      DSLContext admin, String adminApplicationName, int adminConnections) {
    ServerConnections s = ServerConnections.read(admin, adminApplicationName);
    return new ConnectionBudget(s.maxConnections(), s.reserved(), s.inUse(), adminConnections);
  }
}
