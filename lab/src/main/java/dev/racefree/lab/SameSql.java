package dev.racefree.lab;

import static dev.racefree.schema.Tables.ACCOUNTS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.val;

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
 * @param binds the bind values in placeholder order: {@link #ID} and {@link #AMOUNT} stand for the
 *     request's id and amount, everything else is a constant of the statement
 */
record SameSql(String sql, List<Object> binds) {

  /** Stand-ins no real request uses, so each placeholder's role is known by its value. */
  static final Long ID = Long.MIN_VALUE + 1;
  static final Long AMOUNT = Long.MIN_VALUE + 2;

  private static final DSLContext RENDER =
      DSL.using(SQLDialect.POSTGRES, new Settings().withExecuteLogging(false));

  /** racefree's debit: {@code UPDATE ... WHERE id = :id AND balance >= :amount RETURNING balance}. */
  static SameSql debit() {
    Param<Long> id = val(ID);
    Param<Long> amount = val(AMOUNT);
    return of(RENDER.update(ACCOUNTS)
        .set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.minus(amount))
        .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(1))
        .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
        .where(ACCOUNTS.ID.eq(id).and(ACCOUNTS.BALANCE.ge(amount)))
        .returningResult(ACCOUNTS.BALANCE));
  }

  /** racefree's row lock: {@code SELECT ... FROM accounts WHERE id = :id FOR UPDATE}. */
  static SameSql lock() {
    return of(RENDER.selectFrom(ACCOUNTS).where(ACCOUNTS.ID.eq(val(ID))).forUpdate());
  }

  private static SameSql of(Query query) {
    return new SameSql(RENDER.render(query), List.copyOf(RENDER.extractBindValues(query)));
  }

  void bind(PreparedStatement ps, long id, long amount) throws SQLException {
    for (int i = 0; i < binds.size(); i++) {
      Object value = binds.get(i);
      if (ID.equals(value)) {
        ps.setLong(i + 1, id);
      } else if (AMOUNT.equals(value)) {
        ps.setLong(i + 1, amount);
      } else {
        ps.setObject(i + 1, value);
      }
    }
  }
}
