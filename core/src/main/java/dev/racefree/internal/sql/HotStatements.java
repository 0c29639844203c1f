package dev.racefree.internal.sql;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;

import dev.racefree.HotStatement;
import dev.racefree.internal.money.AccountRow;
import dev.racefree.internal.money.Velocity;
import dev.racefree.internal.schema.Routines;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.internal.schema.tables.records.AccountsRecord;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Record8;
import org.jooq.ResultQuery;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.SelectForUpdateStep;
import org.jooq.UpdateSetMoreStep;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * The statements on racefree's hot paths, each defined once here and shared by every {@code
 * Racefree}: the balance change (debit and credit) and the row lock.
 */
public final class HotStatements {

  private static final Set<Role> SPEND = EnumSet.allOf(Role.class);

  private static final Set<Role> CHANGE = EnumSet.complementOf(EnumSet.of(Role.SPENT));

  /**
   * {@code WITH changed AS (UPDATE accounts SET balance = balance + :delta, version = version + 1
   * WHERE id = :account_id AND balance::numeric - held - min_balance >= :limit AND status = 'open'
   * RETURNING id, balance) INSERT INTO ledger_entries ... SELECT ... FROM changed RETURNING
   * balance_after}: the check against available funds, the account's lower bound, its state and its
   * velocity limits, the write (counting {@code :spent} in the limits) and its ledger entry in one
   * statement. {@code :limit} is the amount; numeric, so no bound can overflow.
   */
  public static final Statement DEBIT =
      new Statement(
          "debit",
          SPEND,
          dsl ->
              change(
                  dsl,
                  limit -> Funds.covers(limit).and(ACCOUNTS.STATUS.eq(inline(AccountStatus.open))),
                  true));

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
                  dsl,
                  limit -> Funds.fits(limit).and(ACCOUNTS.STATUS.ne(inline(AccountStatus.closed))),
                  false));

  /**
   * {@code SELECT id, currency, balance, held, min_balance, max_balance, status,
   * cardinality(velocity) FROM accounts WHERE id = :account_id FOR UPDATE}.
   */
  public static final Statement LOCK =
      new Statement("lock", EnumSet.of(Role.ACCOUNT_ID), dsl -> lockedRow(dsl).forUpdate());

  /** As {@link #LOCK}, failing at once with 55P03 when another transaction holds the row. */
  public static final Statement LOCK_NOWAIT =
      new Statement(
          "lock_nowait", EnumSet.of(Role.ACCOUNT_ID), dsl -> lockedRow(dsl).forUpdate().noWait());

  public static final List<Statement> ALL = List.of(DEBIT, CREDIT, LOCK, LOCK_NOWAIT);

  private HotStatements() {}

  /**
   * {@code WITH p AS (SELECT :account_id, :delta, ... each bound once), changed AS (UPDATE accounts
   * SET balance = balance + p.delta, ..., chain = entry_link(...) FROM p WHERE id = p.account_id
   * AND allowed RETURNING ...) INSERT INTO ledger_entries ... SELECT ... FROM changed RETURNING
   * balance_after}. A debit ({@code spends}) also checks {@link Velocity#allows} and counts the
   * spend ({@link Velocity#counted}).
   */
  private static ResultQuery<?> change(
      DSLContext dsl, Function<Field<BigDecimal>, Condition> allowed, boolean spends) {
    Field<Long> accountId = bound(Role.ACCOUNT_ID, SQLDataType.BIGINT, "p_account_id");
    Field<Long> delta = bound(Role.DELTA, SQLDataType.BIGINT, "p_delta");
    Field<BigDecimal> limit =
        Role.LIMIT.param(SQLDataType.BIGINT).cast(SQLDataType.NUMERIC).as("p_limit");
    Field<Long> amount = bound(Role.ENTRY_AMOUNT, SQLDataType.BIGINT, "p_amount");
    Field<EntryKind> kind = bound(Role.ENTRY_KIND, LEDGER_ENTRIES.KIND.getDataType(), "p_kind");
    Field<UUID> correlation =
        bound(Role.CORRELATION_ID, LEDGER_ENTRIES.CORRELATION_ID.getDataType(), "p_correlation");
    Field<Long> key =
        bound(Role.IDEMPOTENCY_KEY_ID, LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID.getDataType(), "p_key");
    Field<UUID> posting =
        bound(Role.POSTING_ID, LEDGER_ENTRIES.POSTING_ID.getDataType(), "p_posting");
    Field<Long> counterparty =
        bound(Role.COUNTERPARTY_ID, LEDGER_ENTRIES.COUNTERPARTY_ID.getDataType(), "p_counterparty");
    Field<String> reference =
        bound(Role.REFERENCE, LEDGER_ENTRIES.REFERENCE.getDataType(), "p_reference");
    Field<Boolean> unique =
        bound(Role.UNIQUE_REFERENCE, LEDGER_ENTRIES.UNIQUE_REFERENCE.getDataType(), "p_unique");
    Field<Integer> code = bound(Role.CODE, LEDGER_ENTRIES.CODE.getDataType(), "p_code");
    Field<JSONB> metadata =
        Routines.metadataOf(
                Role.METADATA_KEYS.param(SQLDataType.VARCHAR.array()),
                Role.METADATA_VALUES.param(SQLDataType.VARCHAR.array()))
            .as("p_metadata");
    Field<Long> spent = bound(Role.SPENT, SQLDataType.BIGINT, "p_spent");
    List<Field<?>> bound =
        new ArrayList<>(
            List.of(
                accountId,
                delta,
                limit,
                amount,
                kind,
                correlation,
                key,
                posting,
                counterparty,
                reference,
                unique,
                code,
                metadata));
    if (spends) {
      bound.add(spent);
    }
    CommonTableExpression<?> p = name("p").as(select(bound));
    LedgerInsert.Described inP =
        new LedgerInsert.Described(
            p.field(kind),
            p.field(posting),
            p.field(correlation),
            p.field(key),
            p.field(counterparty),
            p.field(reference),
            p.field(unique),
            p.field(code),
            p.field(metadata));
    Field<Long> pDelta = p.field(delta);
    List<SelectFieldOrAsterisk> returned = new ArrayList<>(LedgerInsert.RETURNED);
    returned.addAll(
        List.of(
            p.field(amount),
            p.field(kind),
            p.field(correlation),
            p.field(key),
            p.field(posting),
            p.field(counterparty),
            p.field(reference),
            p.field(unique),
            p.field(code),
            p.field(metadata)));
    UpdateSetMoreStep<AccountsRecord> update =
        dsl.update(ACCOUNTS)
            .set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.plus(pDelta))
            .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(inline(1L)))
            .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime());
    Condition where = ACCOUNTS.ID.eq(p.field(accountId)).and(allowed.apply(p.field(limit)));
    if (spends) {
      update = update.set(ACCOUNTS.VELOCITY, Velocity.counted(p.field(spent), inline(1L)));
      where = where.and(Velocity.allows(p.field(spent)));
    }
    CommonTableExpression<?> changed =
        name("changed")
            .as(
                LedgerInsert.chained(update, p.field(amount), ACCOUNTS.BALANCE.plus(pDelta), inP)
                    .from(p)
                    .where(where)
                    .returningResult(returned));
    LedgerInsert.Described inChanged =
        new LedgerInsert.Described(
            changed.field(kind),
            changed.field(posting),
            changed.field(correlation),
            changed.field(key),
            changed.field(counterparty),
            changed.field(reference),
            changed.field(unique),
            changed.field(code),
            changed.field(metadata));
    return LedgerInsert.entry(
            dsl.with(p).with(changed),
            changed,
            changed.field(amount),
            inChanged,
            DSL.trueCondition())
        .returningResult(LEDGER_ENTRIES.BALANCE_AFTER);
  }

  /** {@code CAST(:role AS type) AS alias}: one bound value of the statement's {@code p}. */
  private static <T> Field<T> bound(Role role, DataType<T> type, String alias) {
    return role.param(type).cast(type).as(alias);
  }

  private static SelectForUpdateStep<
          Record8<Long, String, Long, Long, Long, Long, AccountStatus, Integer>>
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
