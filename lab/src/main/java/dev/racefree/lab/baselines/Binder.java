package dev.racefree.lab.baselines;

import dev.racefree.HotStatement;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/**
 * Binds what racefree binds for a debit onto one of its hot statements, placeholder by placeholder,
 * by the role {@link HotStatement#parameters()} names there. Every role and the placeholder count
 * are checked when the binder is made, so a statement the lab does not understand fails before
 * anything is measured.
 */
final class Binder {

  private final HotStatement statement;
  private final Role[] roles;
  private final boolean[] cast;

  Binder(HotStatement statement) {
    Placeholders placeholders = Placeholders.of(statement.sql());
    if (placeholders.count() != statement.parameters().size()) {
      throw new IllegalStateException(
          "racefree's \""
              + statement.name()
              + "\" statement has "
              + placeholders.count()
              + " placeholders but names "
              + statement.parameters().size()
              + " parameters "
              + statement.parameters()
              + ": "
              + statement.sql());
    }
    this.statement = statement;
    this.roles =
        statement.parameters().stream()
            .map(name -> Role.named(name, statement))
            .toArray(Role[]::new);
    this.cast = new boolean[roles.length];
    for (int i = 0; i < roles.length; i++) {
      cast[i] = placeholders.cast(i);
    }
  }

  String sql() {
    return statement.sql();
  }

  /** The role at each placeholder, in order. */
  List<Role> roles() {
    return List.of(roles);
  }

  /**
   * Binds every placeholder as racefree does for a debit of {@code amount} from {@code accountId}.
   */
  void bind(PreparedStatement ps, long accountId, long amount) throws SQLException {
    for (int i = 0; i < roles.length; i++) {
      int position = i + 1;
      Role role = roles[i];
      boolean castInSql = cast[i];
      switch (role.debit(accountId, amount)) {
        case null -> ps.setNull(position, role.nullType());
        case Long l -> ps.setLong(position, l);
        // The enum label: as racefree binds it (text) where the SQL casts it, else for the server
        // to infer.
        case String label when castInSql -> ps.setString(position, label);
        case String label -> ps.setObject(position, label, Types.OTHER);
        case Object other ->
            throw new IllegalStateException("cannot bind " + other + " for " + role);
      }
    }
  }
}
