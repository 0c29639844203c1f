package dev.racefree;

import dev.racefree.internal.schema.enums.EntryKind;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;
import org.jooq.DSLContext;
import org.jooq.Query;

/**
 * A hot-path statement built once from the generated types, rendered once with the
 * caller's settings (on first use), and then executed as a JDBC prepared statement with fresh bind values on the
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

  /** The rendered statement and the role of each bind position. */
  private record Rendered(String sql, Role[] roles, Object[] constants) {}

  private final DSLContext renderer;
  private final Supplier<Query> query;
  private volatile Rendered rendered;

  /**
   * {@code query} is built and rendered on first use, with {@code renderer}'s settings, so that a
   * {@code Racefree} that only ever debits never renders the row lock, and one made per request
   * renders only what that request runs.
   */
  Template(DSLContext renderer, Supplier<Query> query) {
    this.renderer = renderer;
    this.query = query;
  }

  private Rendered rendered() {
    Rendered r = rendered;
    if (r == null) {
      Query q = query.get();
      List<Object> binds = renderer.extractBindValues(q);
      Role[] roles = new Role[binds.size()];
      for (int i = 0; i < roles.length; i++) {
        roles[i] = role(binds.get(i));
      }
      // Rendering twice in a race is harmless: both results are equal and immutable.
      rendered = r = new Rendered(renderer.render(q), roles, binds.toArray());
    }
    return r;
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

  /** Runs a statement whose only bound request value is the account id. */
  <T> T fetch(DSLContext dsl, long id, Row<T> row) {
    return fetch(dsl, id, 0, 0, null, row);
  }

  /** Runs the statement; its first row as {@code row} reads it, or {@code null} when there is none. */
  <T> T fetch(DSLContext dsl, long id, long delta, long limit, EntryTag tag, Row<T> row) {
    Rendered r = rendered();
    return dsl.connectionResult(connection -> {
      try (PreparedStatement ps = connection.prepareStatement(r.sql())) {
        bind(r, ps, id, delta, limit, tag);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? row.read(rs) : null;
        }
      }
    });
  }

  private static void bind(Rendered r, PreparedStatement ps, long id, long delta, long limit, EntryTag tag)
      throws SQLException {
    Role[] roles = r.roles();
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
        case CONSTANT -> ps.setObject(p, r.constants()[i]);
      }
    }
  }
}
