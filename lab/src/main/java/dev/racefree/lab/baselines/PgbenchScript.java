package dev.racefree.lab.baselines;

import dev.racefree.HotStatement;
import dev.racefree.lab.strategies.Strategy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A pgbench script that sends racefree's own statements, written at run time from {@code
 * Racefree.statements()}: each placeholder of a numeric parameter becomes a pgbench variable of the
 * parameter's name ({@code :account_id}, {@code :delta}, ...), set at the top of each transaction
 * from {@code -D lo=... -D hi=... -D amount=...}; a string or null parameter becomes an SQL
 * literal, as pgbench variables hold only numbers. Nothing else in the text changes.
 */
final class PgbenchScript {

  private PgbenchScript() {}

  /** The script for {@code strategy}: atomic or pessimistic, the strategies pgbench can run. */
  static String of(Strategy strategy, List<HotStatement> statements) {
    HotStatement debit = RacefreeSql.named(statements, RacefreeSql.DEBIT);
    return switch (strategy) {
      case ATOMIC ->
          script("racefree's atomic debit: accounts().debit(id, amount).", List.of(debit), false);
      case PESSIMISTIC ->
          script(
              "racefree's pessimistic debit: withLock(id, waitIndefinitely(), l -> l.debit(amount))."
                  + "\n-- racefree checks the locked balance in Java first: with the lab's huge balances it always passes.",
              List.of(RacefreeSql.named(statements, RacefreeSql.LOCK), debit),
              true);
      default ->
          throw new IllegalArgumentException(
              "pgbench runs atomic and pessimistic only, not " + strategy.label());
    };
  }

  private static String script(String what, List<HotStatement> statements, boolean transaction) {
    StringBuilder out =
        new StringBuilder(
            "-- "
                + what
                + "\n-- Written from Racefree.statements() for this run;"
                + " pgbench -D sets lo and hi (the accounts' ids) and amount.\n");
    Map<String, String> variables = new LinkedHashMap<>(); // name -> \set expression
    List<String> lines = new ArrayList<>();
    for (HotStatement s : statements) {
      Binder binder =
          new Binder(s); // the JDBC baseline's checks: every name known, every placeholder named
      List<String> at = new ArrayList<>();
      for (String parameter : binder.parameters()) {
        if (DebitValues.numeric(s, parameter)) {
          variables.put(parameter, DebitValues.pgbenchExpression(s, parameter));
          at.add(":" + parameter);
        } else {
          at.add(literal(DebitValues.value(s, parameter, 0, 0), parameter));
        }
      }
      lines.add(Placeholders.of(s.sql()).with(at) + ";");
    }
    variables.forEach((name, expression) ->
        out.append("\\set ").append(name).append(' ').append(expression).append('\n'));
    if (transaction) {
      out.append("BEGIN;\n");
    }
    lines.forEach(l -> out.append(l).append('\n'));
    if (transaction) {
      out.append("COMMIT;\n");
    }
    return out.toString();
  }

  /** A value pgbench cannot hold in a variable, as SQL: a typed NULL, a boolean or a string. */
  private static String literal(@Nullable Object value, String parameter) {
    return switch (value) {
      case null -> "NULL::" + DebitValues.nullSqlType(parameter);
      case Boolean b -> b.toString();
      case java.util.UUID u -> "'" + u + "'";
      case String s -> "'" + s.replace("'", "''") + "'";
      default -> throw new IllegalStateException("not a literal parameter value: " + value);
    };
  }
}
