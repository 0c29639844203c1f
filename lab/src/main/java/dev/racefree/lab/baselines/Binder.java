package dev.racefree.lab.baselines;

import dev.racefree.HotStatement;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;
import java.util.UUID;

/**
 * Binds what racefree binds for a debit onto one of its hot statements, placeholder by placeholder,
 * by the parameter {@link HotStatement#parameters()} names there. Every name and the placeholder
 * count are checked when the binder is made, so a statement the lab does not understand fails
 * before anything is measured.
 */
final class Binder {

  private final HotStatement statement;
  private final List<String> parameters;
  private final boolean[] cast;
  private final Direction direction;

  Binder(HotStatement statement) {
    this(statement, Direction.DEBIT);
  }

  /** A binder of what racefree binds for a change going {@code direction}. */
  Binder(HotStatement statement, Direction direction) {
    this.direction = direction;
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
    this.parameters = statement.parameters();
    this.cast = new boolean[parameters.size()];
    for (int i = 0; i < cast.length; i++) {
      DebitValues.value(statement, parameters.get(i), 0, 0); // every name known, or fail now
      cast[i] = placeholders.cast(i);
    }
  }

  String sql() {
    return statement.sql();
  }

  HotStatement statement() {
    return statement;
  }

  /** The parameter named at each placeholder, in order: {@link HotStatement#parameters()}. */
  List<String> parameters() {
    return parameters;
  }

  /**
   * Binds every placeholder as racefree does for a change of {@code amount} on {@code accountId} (a
   * debit unless the binder was made for another direction).
   */
  void bind(PreparedStatement ps, long accountId, long amount) throws SQLException {
    for (int i = 0; i < cast.length; i++) {
      int position = i + 1;
      String parameter = parameters.get(i);
      boolean castInSql = cast[i];
      switch (DebitValues.value(statement, parameter, accountId, amount, direction)) {
        case null -> ps.setNull(position, DebitValues.nullType(parameter));
        case Long l -> ps.setLong(position, l);
        case Boolean b -> ps.setBoolean(position, b);
        case UUID u -> ps.setObject(position, u);
        // The enum label: as racefree binds it (text) where the SQL casts it, else for the server
        // to infer.
        case String label when castInSql -> ps.setString(position, label);
        case String label -> ps.setObject(position, label, Types.OTHER);
        case Object other ->
            throw new IllegalStateException("cannot bind " + other + " for " + parameter);
      }
    }
  }
}
