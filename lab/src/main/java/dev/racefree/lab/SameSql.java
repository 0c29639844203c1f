package dev.racefree.lab;

import static dev.racefree.schema.Tables.ACCOUNTS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.param;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Param;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;

/**
 * The statements racefree issues, built the same way from the same generated types, rendered once
 * to SQL text with {@code ?} placeholders for the raw JDBC baseline. So the baseline sends the very
 * same statement and the ratio measures racefree's and jOOQ's own cost, nothing else.
 *
 * @param sql the SQL text
 * @param params the bind parameters in placeholder order; {@code id} and {@code amount} are set
 *     per request, the others are constants
 */
record SameSql(String sql, List<Param<?>> params) {

  private static final DSLContext RENDER =
      DSL.using(SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));

  /** racefree's debit: {@code UPDATE ... WHERE id = :id AND balance >= :amount RETURNING balance}. */
  static SameSql debit() {
    Param<Long> id = param("id", Long.class);
    Param<Long> amount = param("amount", Long.class);
    return of(RENDER.update(ACCOUNTS)
        .set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.minus(amount))
        .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(1))
        .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
        .where(ACCOUNTS.ID.eq(id).and(ACCOUNTS.BALANCE.ge(amount)))
        .returningResult(ACCOUNTS.BALANCE));
  }

  /** racefree's row lock: {@code SELECT ... FROM accounts WHERE id = :id FOR UPDATE}. */
  static SameSql lock() {
    return of(RENDER.selectFrom(ACCOUNTS).where(ACCOUNTS.ID.eq(param("id", Long.class))).forUpdate());
  }

  private static SameSql of(Query query) {
    return new SameSql(RENDER.render(query), List.copyOf(RENDER.extractParams(query).values()));
  }

  void bind(PreparedStatement ps, long id, long amount) throws SQLException {
    for (int i = 0; i < params.size(); i++) {
      Param<?> p = params.get(i);
      switch (p.getParamName() == null ? "" : p.getParamName()) {
        case "id" -> ps.setLong(i + 1, id);
        case "amount" -> ps.setLong(i + 1, amount);
        default -> ps.setObject(i + 1, p.getValue());
      }
    }
  }
}
