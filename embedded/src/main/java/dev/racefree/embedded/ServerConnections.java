package dev.racefree.embedded;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record4;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * What a PostgreSQL server lets clients open, as its settings and {@code pg_stat_activity} say at
 * one moment: {@code max_connections}, the slots kept for superusers ({@code
 * superuser_reserved_connections}) and, from PostgreSQL 16, for {@code pg_use_reserved_connections}
 * ({@code reserved_connections}), and the client connections already open. Read, never changed:
 * whoever opens pools sizes them to fit.
 *
 * @param reserved the superuser and reserved slots together: they stay free even for a superuser,
 *     so an administrator can always get in
 * @param inUse client connections open when read, not counting the one that read it (nor, if named,
 *     those of one application)
 */
public record ServerConnections(int maxConnections, int reserved, int inUse) {

  /** Connections that may still be opened. */
  public int free() {
    return Math.max(0, maxConnections - reserved - inUse);
  }

  /**
   * Reads them through {@code dsl}. Other users' rows in {@code pg_stat_activity} may hide their
   * backend type from an unprivileged user; those count as client connections.
   *
   * @param except the {@code application_name} whose connections not to count (the reader's own
   *     pool), or {@code null}
   */
  public static ServerConnections read(DSLContext dsl, @Nullable String except) {
    Field<String> backendType = field(name("backend_type"), String.class);
    Condition others =
        coalesce(backendType, val("client backend"))
            .eq(val("client backend"))
            .and(field(name("pid"), Integer.class).ne(function("pg_backend_pid", Integer.class)));
    if (except != null) {
      others = others.and(field(name("application_name"), String.class).isDistinctFrom(except));
    }
    Field<Integer> inUse =
        select(count()).from(table(name("pg_catalog", "pg_stat_activity"))).where(others).asField();
    Record4<Integer, Integer, Integer, Integer> r =
        dsl.select(
                setting("max_connections"),
                setting("superuser_reserved_connections"),
                coalesce(
                    function(
                            "current_setting",
                            String.class,
                            val("reserved_connections"),
                            val(true)) // missing before PostgreSQL 16: null
                        .cast(SQLDataType.INTEGER),
                    inline(0)),
                inUse)
            .fetchSingle();
    return new ServerConnections(r.value1(), r.value2() + r.value3(), r.value4());
  }

  private static Field<Integer> setting(String setting) {
    return function("current_setting", String.class, val(setting)).cast(SQLDataType.INTEGER);
  }
}
