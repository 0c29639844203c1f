package dev.racefree.internal.sql;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;

import dev.racefree.HotStatement;
import dev.racefree.internal.money.AccountRow;
import dev.racefree.internal.schema.enums.AccountStatus;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Record7;
import org.jooq.ResultQuery;
import org.jooq.SelectForUpdateStep;
import org.jooq.impl.SQLDataType;

/**
 * The statements on racefree's hot paths, each defined once here and shared by every {@code
 * Racefree}: the balance change (debit and credit) and the row lock.
 */
public final class HotStatements {

  private static final Set<Role> CHANGE =
      EnumSet.of(
          Role.ACCOUNT_ID,
          Role.DELTA,
          Role.LIMIT,
          Role.ENTRY_AMOUNT,
          Role.ENTRY_KIND,
          Role.CORRELATION_ID,
          Role.IDEMPOTENCY_KEY_ID);

  /**
   * {@code WITH changed AS (UPDATE accounts SET balance = balance + :delta, version = version + 1
   * WHERE id = :account_id AND balance::numeric - held - min_balance >= :limit AND status = 'open'
   * RETURNING id, balance) INSERT INTO ledger_entries ... SELECT ... FROM changed RETURNING
   * balance_after}: the check against available funds, the account's lower bound and its state, the
   * write and its ledger entry in one statement. {@code :limit} is the amount; numeric, so no bound
   * can overflow.
   */
  public static final Statement DEBIT =
      new Statement(
          "debit",
          CHANGE,
          dsl ->
              change(
                  dsl, Funds.covers(limit()).and(ACCOUNTS.STATUS.eq(inline(AccountStatus.open)))));

  /**
   * As {@link #DEBIT}, with {@code coalesce(max_balance, 2^63 - 1)::numeric - balance >= :limit AND
   * status <> 'closed'}, so that a credit never passes the account's upper bound, nor overflows,
   * and a frozen account still takes credits.
   */
  public static final Statement CREDIT =
      new Statement(
          "credit",
          CHANGE,
          dsl ->
              change(
                  dsl, Funds.fits(limit()).and(ACCOUNTS.STATUS.ne(inline(AccountStatus.closed)))));

  /**
   * {@code SELECT id, currency, balance, held, min_balance, max_balance, status FROM accounts WHERE
   * id = :account_id FOR UPDATE}.
   */
  public static final Statement LOCK =
      new Statement("lock", EnumSet.of(Role.ACCOUNT_ID), dsl -> lockedRow(dsl).forUpdate());

  /** As {@link #LOCK}, failing at once with 55P03 when another transaction holds the row. */
  public static final Statement LOCK_NOWAIT =
      new Statement(
          "lock_nowait", EnumSet.of(Role.ACCOUNT_ID), dsl -> lockedRow(dsl).forUpdate().noWait());

  public static final List<Statement> ALL = List.of(DEBIT, CREDIT, LOCK, LOCK_NOWAIT);

  private HotStatements() {}

  private static ResultQuery<?> change(DSLContext dsl, Condition allowed) {
    CommonTableExpression<Record2<Long, Long>> changed =
        name("changed")
            .as(
                dsl.update(ACCOUNTS)
                    .set(
                        ACCOUNTS.BALANCE,
                        ACCOUNTS.BALANCE.plus(Role.DELTA.param(SQLDataType.BIGINT)))
                    .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(inline(1L)))
                    .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
                    .where(ACCOUNTS.ID.eq(Role.ACCOUNT_ID.param(SQLDataType.BIGINT)).and(allowed))
                    .returningResult(ACCOUNTS.ID, ACCOUNTS.BALANCE));
    Field<Long> id = changed.field(ACCOUNTS.ID);
    Field<Long> balance = changed.field(ACCOUNTS.BALANCE);
    return LedgerInsert.into(dsl.with(changed))
        .select(
            LedgerInsert.entry(
                    id,
                    Role.ENTRY_AMOUNT.param(SQLDataType.BIGINT),
                    balance,
                    Role.ENTRY_KIND.param(LEDGER_ENTRIES.KIND.getDataType()),
                    Role.CORRELATION_ID.param(LEDGER_ENTRIES.CORRELATION_ID.getDataType()),
                    Role.IDEMPOTENCY_KEY_ID.param(LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID.getDataType()))
                .from(changed))
        .returningResult(LEDGER_ENTRIES.BALANCE_AFTER);
  }

  private static Field<BigDecimal> limit() {
    return Role.LIMIT.param(SQLDataType.BIGINT).cast(SQLDataType.NUMERIC);
  }

  private static SelectForUpdateStep<Record7<Long, String, Long, Long, Long, Long, AccountStatus>>
      lockedRow(DSLContext dsl) {
    return AccountRow.select(dsl).where(ACCOUNTS.ID.eq(Role.ACCOUNT_ID.param(SQLDataType.BIGINT)));
  }

  /** Every hot statement as rendered for {@code cfg}'s settings, for review. */
  public static List<HotStatement> reviewed(Configuration cfg) {
    return ALL.stream()
        .map(s -> {
          Statement.Rendered r = s.rendered(cfg);
          return new HotStatement(
              s.name(), r.sql(), r.roles().stream().map(Role::paramName).toList());
        })
        .toList();
  }
}
