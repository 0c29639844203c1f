package dev.racefree.lab.baselines;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.select;

import dev.racefree.HotStatement;
import dev.racefree.internal.schema.enums.AccountStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Param;
import org.jooq.Record2;
import org.jooq.ResultQuery;
import org.jooq.SQLDialect;
import org.jooq.conf.ParamType;
import org.jooq.conf.Settings;
import org.jooq.conf.StatementType;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The balance change racefree sent before postings (schema version 10): a single-sided entry, no
 * counterparty, no hash chain. {@code WITH changed AS (UPDATE accounts SET balance = balance +
 * :delta, version = version + 1, updated_at = current_timestamp WHERE id = :account_id AND <funds>
 * AND <status> RETURNING id, balance) INSERT INTO ledger_entries (account_id, amount,
 * balance_after, kind, correlation_id, idempotency_key_id) SELECT id, :entry_amount, balance,
 * :entry_kind, :correlation_id, :idempotency_key_id FROM changed RETURNING balance_after}, where
 * the debit's funds rule is {@code balance::numeric - held - min_balance >= :limit AND status =
 * 'open'} and the credit's {@code coalesce(max_balance, 2^63 - 1)::numeric - balance >= :limit AND
 * status <> 'closed'}. Built from the generated types (every column it names exists in both
 * versions), rendered once with the caller's settings (a render mapping sends it to another
 * schema), with parameters named as racefree names its own, so {@link Binder} binds it.
 */
public final class SingleSided {

  private SingleSided() {}

  /** The debit, rendered for {@code settings}. */
  public static HotStatement debit(Settings settings) {
    return render(
        "v10 debit",
        settings,
        dsl ->
            change(
                dsl,
                ACCOUNTS
                    .BALANCE
                    .cast(SQLDataType.NUMERIC)
                    .minus(ACCOUNTS.HELD)
                    .minus(ACCOUNTS.MIN_BALANCE)
                    .ge(limit())
                    .and(ACCOUNTS.STATUS.eq(inline(AccountStatus.open)))));
  }

  /** The credit (a deposit before postings), rendered for {@code settings}. */
  public static HotStatement credit(Settings settings) {
    return render(
        "v10 credit",
        settings,
        dsl ->
            change(
                dsl,
                coalesce(ACCOUNTS.MAX_BALANCE, inline(Long.MAX_VALUE))
                    .cast(SQLDataType.NUMERIC)
                    .minus(ACCOUNTS.BALANCE)
                    .ge(limit())
                    .and(ACCOUNTS.STATUS.ne(inline(AccountStatus.closed)))));
  }

  private static ResultQuery<?> change(DSLContext dsl, Condition allowed) {
    CommonTableExpression<Record2<Long, Long>> changed =
        name("changed")
            .as(
                dsl.update(ACCOUNTS)
                    .set(
                        ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.plus(param("delta", SQLDataType.BIGINT)))
                    .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(inline(1L)))
                    .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
                    .where(ACCOUNTS.ID.eq(param("account_id", SQLDataType.BIGINT)).and(allowed))
                    .returningResult(ACCOUNTS.ID, ACCOUNTS.BALANCE));
    Field<Long> id = changed.field(ACCOUNTS.ID);
    Field<Long> balance = changed.field(ACCOUNTS.BALANCE);
    return dsl.with(changed)
        .insertInto(
            LEDGER_ENTRIES,
            LEDGER_ENTRIES.ACCOUNT_ID,
            LEDGER_ENTRIES.AMOUNT,
            LEDGER_ENTRIES.BALANCE_AFTER,
            LEDGER_ENTRIES.KIND,
            LEDGER_ENTRIES.CORRELATION_ID,
            LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID)
        .select(
            select(
                    id,
                    param("entry_amount", SQLDataType.BIGINT),
                    balance,
                    param("entry_kind", LEDGER_ENTRIES.KIND.getDataType()),
                    param("correlation_id", LEDGER_ENTRIES.CORRELATION_ID.getDataType()),
                    param("idempotency_key_id", LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID.getDataType()))
                .from(changed))
        .returningResult(LEDGER_ENTRIES.BALANCE_AFTER);
  }

  private static Field<BigDecimal> limit() {
    return param("limit", SQLDataType.BIGINT).cast(SQLDataType.NUMERIC);
  }

  /** A query built for this purpose only. */
  @FunctionalInterface
  interface Build {
    ResultQuery<?> on(DSLContext dsl);
  }

  /**
   * {@code build}'s query rendered once for {@code settings} with JDBC placeholders, and the name
   * of the parameter at each (read from the query's own named parameters, as racefree does).
   */
  static HotStatement render(String name, Settings settings, Build build) {
    Settings forced =
        ((Settings) settings.clone())
            .withStatementType(StatementType.PREPARED_STATEMENT)
            .withParamType(ParamType.INDEXED);
    DSLContext renderer = DSL.using(SQLDialect.POSTGRES, forced);
    ResultQuery<?> query = build.on(renderer);
    String sql = renderer.render(query);
    List<String> parameters = new ArrayList<>();
    for (Param<?> p : query.getParams().values()) {
      if (!p.isInline()) {
        parameters.add(p.getParamName());
      }
    }
    if (parameters.size() != renderer.extractBindValues(query).size()) {
      throw new IllegalStateException(
          name + " binds " + parameters + " but renders another number of placeholders: " + sql);
    }
    return new HotStatement(name, sql, parameters);
  }
}
