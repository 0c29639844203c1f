package dev.racefree.lab.server;

import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.val;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;

/**
 * The server a report was measured on. Figures are comparable only between runs with the same
 * version and durability, so every report states them.
 *
 * @param target "embedded" or the JDBC URL (never credentials)
 */
public record ServerInfo(String target, String version, String fsync, String synchronousCommit) {

  public static ServerInfo of(LabServer server) {
    DSLContext dsl = server.admin();
    Record3<String, String, String> r =
        dsl.select(setting("server_version"), setting("fsync"), setting("synchronous_commit"))
            .fetchSingle();
    // The URL without its parameters, which may carry a password.
    String target =
        server.isEmbedded() ? "embedded" : server.connect().jdbcUrl().split("\\?", 2)[0];
    return new ServerInfo(target, r.value1(), r.value2(), r.value3());
  }

  /** {@code current_setting(:name)}: what {@code SHOW name} shows, as a bind-valued expression. */
  private static Field<String> setting(String name) {
    return function("current_setting", String.class, val(name));
  }

  public boolean durable() {
    return "on".equals(fsync) && "on".equals(synchronousCommit);
  }

  /** Version and durability, short enough for a chart title. */
  public String brief() {
    return "PostgreSQL "
        + version
        + ", fsync="
        + fsync
        + ", synchronous_commit="
        + synchronousCommit;
  }

  public String describe() {
    return "PostgreSQL "
        + version
        + " ("
        + target
        + "), fsync="
        + fsync
        + ", synchronous_commit="
        + synchronousCommit
        + (durable() ? "" : "  [not durable: figures are not production-like]");
  }
}
