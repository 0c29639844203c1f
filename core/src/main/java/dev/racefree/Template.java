package dev.racefree;

import dev.racefree.schema.enums.EntryKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * A hot-path statement built once from the generated types, rendered once with the
 * caller's settings, and then executed as a JDBC prepared statement with fresh bind values on the
 * caller's connection (so it joins the caller's transaction). Building and rendering a jOOQ query
 * costs more CPU than the round trip it makes on the debit hot path; this keeps the typed query
 * (a migration that breaks it still breaks the compile) without paying for it on every call.
 *
 * <p>The query is built with marker values; each bind position is then known by its marker.
 */
final class Template {

  static final long ID = Long.MIN_VALUE + 1;
  static final long DELTA = Long.MIN_VALUE + 2;
  static final long LIMIT = Long.MIN_VALUE + 3;
  static final long KEY = Long.MIN_VALUE + 4;
  static final UUID CORRELATION = new UUID(0, 0xC0441E1A71011L);
  static final EntryTag MARKERS = new EntryTag(EntryKind.adjustment, CORRELATION, KEY);

  private enum Role { ID, DELTA, LIMIT, KEY, CORRELATION, KIND, CONSTANT }

  private final String sql;
  private final Role[] roles;
  private final Object[] constants;

  Template(DSLContext renderer, Query query) {
    this.sql = renderer.render(query);
    List<Object> binds = renderer.extractBindValues(query);
    this.roles = new Role[binds.size()];
    this.constants = binds.toArray();
    for (int i = 0; i < roles.length; i++) {
      roles[i] = role(binds.get(i));
    }
  }

  private static Role role(Object value) {
    if (value instanceof Long l) {
      if (l == ID) {
        return Role.ID;
      } else if (l == DELTA) {
        return Role.DELTA;
      } else if (l == LIMIT) {
        return Role.LIMIT;
      } else if (l == KEY) {
        return Role.KEY;
      }
    }
    if (CORRELATION.equals(value)) {
      return Role.CORRELATION;
    }
    if (value instanceof EntryKind) {
      return Role.KIND;
    }
    return Role.CONSTANT;
  }

  /** Reads the first row of the result. */
  interface Row<T> {
    T read(ResultSet rs) throws SQLException;
  }

  /** Runs the statement; its single {@code bigint} result, or {@code null} when it returned no row. */
  Long fetchLong(DSLContext dsl, long id, long delta, long limit, EntryTag tag) {
    return fetch(dsl, id, delta, limit, tag, rs -> rs.getLong(1));
  }

  /** Runs the statement; its first row as {@code row} reads it, or {@code null} when there is none. */
  <T> T fetch(DSLContext dsl, long id, long delta, long limit, EntryTag tag, Row<T> row) {
    return dsl.connectionResult(connection -> {
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        bind(ps, id, delta, limit, tag);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? row.read(rs) : null;
        }
      }
    });
  }

  private void bind(PreparedStatement ps, long id, long delta, long limit, EntryTag tag) throws SQLException {
    for (int i = 0; i < roles.length; i++) {
      int p = i + 1;
      switch (roles[i]) {
        case ID -> ps.setLong(p, id);
        case DELTA -> ps.setLong(p, delta);
        case LIMIT -> ps.setLong(p, limit);
        case KIND -> ps.setString(p, tag.kind().getLiteral());
        case CORRELATION -> ps.setObject(p, tag.correlationId(), Types.OTHER);
        case KEY -> {
          if (tag.idempotencyKeyId() == null) {
            ps.setNull(p, Types.BIGINT);
          } else {
            ps.setLong(p, tag.idempotencyKeyId());
          }
        }
        case CONSTANT -> ps.setObject(p, constants[i]);
      }
    }
  }
}
