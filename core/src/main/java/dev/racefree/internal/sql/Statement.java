package dev.racefree.internal.sql;

import dev.racefree.exception.InternalErrorException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Record;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * A hot-path statement: built from the generated types with a named parameter per {@link Role},
 * rendered once per set of render settings, and executed as a JDBC prepared statement with fresh
 * values bound by role. Building and rendering a jOOQ query costs more CPU than the round trip it
 * makes on the debit hot path (jOOQ's manual, "Performance considerations", allows caching the
 * rendered SQL); this keeps the typed query, so a migration that breaks it still breaks the
 * compile, without paying for it on every call.
 *
 * <p>Rendering forces prepared-statement binding (whatever the caller's {@link StatementType} or
 * {@link ParamType}) and keeps every other setting: quoting, name case, schema mapping. Renderings
 * are shared by every {@code Racefree} whose dialect and settings are equal, so one made per
 * transaction does not render again.
 */
public final class Statement {

  /** What a rendering is shared by: equal dialects and equal settings render equal SQL. */
  private record RenderKey(SQLDialect dialect, Settings settings) {}

  /** The SQL, and the role bound at each position (index 0 is position 1). */
  public record Rendered(String sql, List<Role> roles) {}

  private final String name;
  private final Set<Role> declared;
  private final Function<DSLContext, ResultQuery<?>> build;
  private final Map<RenderKey, Rendered> renderings = new ConcurrentHashMap<>();

  /**
   * The last settings instance seen, with its hash then: comparing two Settings costs microseconds.
   */
  private record Seen(Settings settings, SQLDialect dialect, int hash, Rendered rendered) {}

  private volatile @Nullable Seen last;

  /**
   * {@code build} makes the query on the context it is given, with exactly the {@code declared}
   * roles as named parameters ({@link Role#param}) and every constant inlined.
   */
  public Statement(String name, Set<Role> declared, Function<DSLContext, ResultQuery<?>> build) {
    this.name = name;
    this.declared = EnumSet.copyOf(declared);
    this.build = build;
  }

  public String name() {
    return name;
  }

  /** The rendering for {@code cfg}'s dialect and settings, rendered on first use. */
  @SuppressWarnings("ReferenceEquality") // identity first, by design: see RenderKey
  public Rendered rendered(Configuration cfg) {
    Settings settings = cfg.settings();
    int hash = settings.hashCode(); // changes when the caller changes the instance after use
    Seen seen = last;
    if (seen != null
        && seen.settings() == settings
        && seen.dialect() == cfg.dialect()
        && seen.hash() == hash) {
      return seen.rendered();
    }
    Rendered r = renderings.get(new RenderKey(cfg.dialect(), settings));
    if (r == null) {
      Settings own = (Settings) settings.clone(); // the caller may change theirs later
      r = render(cfg.dialect(), own);
      renderings.putIfAbsent(new RenderKey(cfg.dialect(), own), r);
    }
    last = new Seen(settings, cfg.dialect(), hash, r);
    return r;
  }

  private Rendered render(SQLDialect dialect, Settings settings) {
    Settings forced =
        ((Settings) settings.clone())
            .withStatementType(StatementType.PREPARED_STATEMENT)
            .withParamType(ParamType.INDEXED);
    DSLContext renderer = DSL.using(dialect, forced);
    ResultQuery<?> query = build.apply(renderer);
    String sql = renderer.render(query);
    List<Role> roles = new ArrayList<>();
    for (Param<?> p : query.getParams().values()) {
      if (!p.isInline()) {
        roles.add(role(p, sql));
      }
    }
    int binds = renderer.extractBindValues(query).size();
    if (roles.size() != binds
        || roles.size() != declared.size()
        || !Set.copyOf(roles).equals(declared)) {
      throw new InternalErrorException(
          "statement '"
              + name
              + "' binds "
              + roles
              + " at "
              + binds
              + " positions, but declares "
              + declared
              + ": "
              + sql);
    }
    return new Rendered(sql, List.copyOf(roles));
  }

  private Role role(Param<?> p, String sql) {
    for (Role r : declared) {
      if (r.paramName().equals(p.getParamName())) {
        return r;
      }
    }
    throw new InternalErrorException(
        "statement '"
            + name
            + "' binds an undeclared parameter '"
            + p.getParamName()
            + "': "
            + sql);
  }

  /**
   * Runs the statement on {@code connection} (the one {@code cfg} is pinned to), rendered for
   * {@code callers}, the configuration {@code cfg} was derived from (jOOQ's {@code derive} copies
   * the settings, so only the caller's instance stays the same from call to call); its first row as
   * {@code reader} reads it, or {@code null} when it returned none. When {@code cfg} has execute
   * listeners, the statement runs through jOOQ's own execution instead, so they see it.
   */
  public <T> @Nullable T fetch(
      Configuration cfg,
      Configuration callers,
      Connection connection,
      Binds binds,
      Columns.Reader<T> reader)
      throws SQLException {
    if (Listeners.present(cfg)) {
      return fetchThroughJooq(cfg, binds, reader);
    }
    Rendered r = rendered(callers); // the caller's own settings instance: found by identity
    try (PreparedStatement ps = connection.prepareStatement(r.sql())) {
      for (int i = 0; i < r.roles().size(); i++) {
        binds.bind(ps, i + 1, r.roles().get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? reader.read(Columns.of(rs)) : null;
      }
    }
  }

  private <T> @Nullable T fetchThroughJooq(Configuration cfg, Binds binds, Columns.Reader<T> reader)
      throws SQLException {
    ResultQuery<?> query = build.apply(cfg.dsl());
    for (Role role : declared) {
      query.bind(role.paramName(), binds.get(role));
    }
    Record row = query.fetchAny();
    return row == null ? null : reader.read(Columns.of(row));
  }
}
