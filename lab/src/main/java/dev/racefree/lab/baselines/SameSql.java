package dev.racefree.lab.baselines;

import dev.racefree.LabStatements;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.EnumType;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The statements racefree issues, built by racefree's own builders ({@link LabStatements}) and
 * rendered once to SQL text with {@code ?} placeholders for the raw JDBC baseline. So the
 * baseline sends the very same statement and the ratio measures racefree's and jOOQ's own cost,
 * nothing else.
 *
 * @param sql the SQL text
 * @param binds the bind values in placeholder order: {@link #ID}, {@link #AMOUNT} and {@link
 *     #NEG_AMOUNT} stand for the request's id, amount and {@code -amount}; everything else is a
 *     constant of the statement (a number, the entry kind, a typed null)
 */
record SameSql(String sql, List<Bind> binds) {

  /** One placeholder's value as jOOQ bound it, with its JDBC type (for nulls). */
  record Bind(Object value, int sqlType) {}

  /** Stand-ins no real request uses, so each placeholder's role is known by its value. */
  static final Long ID = Long.MIN_VALUE + 1;
  static final Long AMOUNT = Long.MIN_VALUE + 2;
  /** The debit's delta: the CTE adds {@code -amount} to the balance and journals it. */
  static final Long NEG_AMOUNT = -AMOUNT;

  private static final DSLContext RENDER =
      DSL.using(SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));

  /** racefree's debit: the conditional UPDATE and its ledger entry, one data-modifying CTE. */
  static SameSql debit() {
    return of(LabStatements.debit(RENDER, ID, AMOUNT));
  }

  /** racefree's row lock: {@code SELECT ... FROM accounts WHERE id = :id FOR UPDATE}. */
  static SameSql lock() {
    return of(LabStatements.lock(RENDER, ID));
  }

  /** What core renders for a real request: the text and the bind values. */
  static String render(Query query) {
    return RENDER.render(query);
  }

  static List<Object> bindValues(Query query) {
    return RENDER.extractBindValues(query);
  }

  private static SameSql of(Query query) {
    List<Bind> binds = new ArrayList<>();
    for (Param<?> p : query.getParams().values()) {
      if (!p.isInline()) {
        binds.add(new Bind(p.getValue(), p.getDataType().getSQLType()));
      }
    }
    if (!RENDER.extractBindValues(query).equals(binds.stream().map(Bind::value).toList())) {
      throw new IllegalStateException("jOOQ's params and bind values disagree for " + RENDER.render(query));
    }
    return new SameSql(RENDER.render(query), List.copyOf(binds));
  }

  /** The value placeholder {@code i} takes for a request: a stand-in replaced, a constant as is. */
  Object value(int i, long id, long amount) {
    Object v = binds.get(i).value();
    if (ID.equals(v)) {
      return id;
    } else if (AMOUNT.equals(v)) {
      return amount;
    } else if (NEG_AMOUNT.equals(v)) {
      return -amount;
    }
    return v;
  }

  /** Every placeholder's value for a request, in order: what core would bind for it. */
  List<Object> values(long id, long amount) {
    List<Object> values = new ArrayList<>(binds.size());
    for (int i = 0; i < binds.size(); i++) {
      values.add(value(i, id, amount));
    }
    return values;
  }

  void bind(PreparedStatement ps, long id, long amount) throws SQLException {
    for (int i = 0; i < binds.size(); i++) {
      Object value = value(i, id, amount);
      switch (value) {
        case null -> ps.setNull(i + 1, binds.get(i).sqlType());
        case Long l -> ps.setLong(i + 1, l);
        // A PostgreSQL enum: jOOQ renders cast(? as "racefree"."entry_kind"), so its label as text.
        case EnumType e -> ps.setString(i + 1, e.getLiteral());
        default -> ps.setObject(i + 1, value);
      }
    }
  }

  /**
   * The same text as pgbench runs it: each placeholder becomes a pgbench variable ({@code :id},
   * {@code :amount}, {@code :delta}) or its constant as an SQL literal.
   */
  String pgbench() {
    StringBuilder out = new StringBuilder();
    int next = 0;
    for (char c : sql.toCharArray()) {
      if (c != '?') {
        out.append(c);
        continue;
      }
      Object v = binds.get(next++).value();
      out.append(ID.equals(v) ? ":id" : AMOUNT.equals(v) ? ":amount" : NEG_AMOUNT.equals(v) ? ":delta"
          : v == null ? "NULL" : v instanceof EnumType e ? "'" + e.getLiteral() + "'" : v.toString());
    }
    if (next != binds.size()) {
      throw new IllegalStateException("placeholders and binds disagree in " + sql);
    }
    return out.toString();
  }
}
