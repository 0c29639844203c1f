package dev.racefree.lab.baselines;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.systemName;

import dev.racefree.HotStatement;
import dev.racefree.internal.schema.Routines;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.schema.enums.EntryKind;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.function.Function;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.ResultQuery;
import org.jooq.conf.Settings;
import org.jooq.impl.SQLDataType;

/**
 * racefree's balance change as it is now (a posting against the account's default external account,
 * every value bound once in {@code p}) without the hash chain: {@code WITH p AS (SELECT
 * :account_id, :delta, ...), changed AS (UPDATE accounts SET balance = balance + p.delta, version =
 * version + 1, updated_at = current_timestamp FROM p WHERE id = p.account_id AND <funds> RETURNING
 * ...) INSERT INTO ledger_entries (every column) SELECT ... FROM changed}. The UPDATE leaves {@code
 * chain} and {@code last_entry_at} alone, so no link is computed and the account's row does not
 * grow; the entry stores a constant hash of the same width (the column is {@code NOT NULL}) and
 * {@code statement_timestamp()} as its time. Against racefree's own statement, the ratio is the
 * chain's own cost. Built from the generated types, with parameters named as racefree names its
 * own, so {@link Binder} binds it.
 */
public final class Unchained {

  /** 32 bytes, as long as a link: the entry keeps its width. */
  private static final byte[] NO_HASH = new byte[32];

  private Unchained() {}

  /** The debit, rendered for {@code settings}. */
  public static HotStatement debit(Settings settings) {
    return SingleSided.render(
        "unchained debit",
        settings,
        dsl ->
            change(
                dsl,
                limit ->
                    ACCOUNTS
                        .BALANCE
                        .cast(SQLDataType.NUMERIC)
                        .minus(ACCOUNTS.HELD)
                        .minus(ACCOUNTS.MIN_BALANCE)
                        .ge(limit)
                        .and(ACCOUNTS.STATUS.eq(inline(AccountStatus.open)))));
  }

  /** The credit (a deposit), rendered for {@code settings}. */
  public static HotStatement credit(Settings settings) {
    return SingleSided.render(
        "unchained credit",
        settings,
        dsl ->
            change(
                dsl,
                limit ->
                    coalesce(ACCOUNTS.MAX_BALANCE, inline(Long.MAX_VALUE))
                        .cast(SQLDataType.NUMERIC)
                        .minus(ACCOUNTS.BALANCE)
                        .ge(limit)
                        .and(ACCOUNTS.STATUS.ne(inline(AccountStatus.closed)))));
  }

  private static ResultQuery<?> change(
      DSLContext dsl, Function<Field<BigDecimal>, Condition> allowed) {
    Field<Long> accountId = bound("account_id", SQLDataType.BIGINT, "p_account_id");
    Field<Long> delta = bound("delta", SQLDataType.BIGINT, "p_delta");
    Field<BigDecimal> limit =
        param("limit", SQLDataType.BIGINT).cast(SQLDataType.NUMERIC).as("p_limit");
    Field<Long> amount = bound("entry_amount", SQLDataType.BIGINT, "p_amount");
    Field<EntryKind> kind = bound("entry_kind", LEDGER_ENTRIES.KIND.getDataType(), "p_kind");
    Field<UUID> correlation =
        bound("correlation_id", LEDGER_ENTRIES.CORRELATION_ID.getDataType(), "p_correlation");
    Field<Long> key =
        bound("idempotency_key_id", LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID.getDataType(), "p_key");
    Field<UUID> posting = bound("posting_id", LEDGER_ENTRIES.POSTING_ID.getDataType(), "p_posting");
    Field<Long> counterparty =
        bound("counterparty_id", LEDGER_ENTRIES.COUNTERPARTY_ID.getDataType(), "p_counterparty");
    Field<String> reference =
        bound("reference", LEDGER_ENTRIES.REFERENCE.getDataType(), "p_reference");
    Field<Boolean> unique =
        bound("unique_reference", LEDGER_ENTRIES.UNIQUE_REFERENCE.getDataType(), "p_unique");
    Field<Integer> code = bound("code", LEDGER_ENTRIES.CODE.getDataType(), "p_code");
    Field<JSONB> metadata =
        Routines.metadataOf(
                param("metadata_keys", SQLDataType.VARCHAR.array()),
                param("metadata_values", SQLDataType.VARCHAR.array()))
            .as("p_metadata");
    CommonTableExpression<?> p =
        name("p")
            .as(
                select(
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
    CommonTableExpression<?> changed =
        name("changed")
            .as(
                dsl.update(ACCOUNTS)
                    .set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.plus(p.field(delta)))
                    .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(inline(1L)))
                    .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
                    .from(p)
                    .where(ACCOUNTS.ID.eq(p.field(accountId)).and(allowed.apply(p.field(limit))))
                    .returningResult(
                        ACCOUNTS.ID,
                        ACCOUNTS.BALANCE,
                        ACCOUNTS.DEFAULT_EXTERNAL_ID,
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
    Field<OffsetDateTime> now =
        function(systemName("statement_timestamp"), SQLDataType.TIMESTAMPWITHTIMEZONE);
    return dsl.with(p)
        .with(changed)
        .insertInto(
            LEDGER_ENTRIES,
            LEDGER_ENTRIES.ACCOUNT_ID,
            LEDGER_ENTRIES.AMOUNT,
            LEDGER_ENTRIES.BALANCE_AFTER,
            LEDGER_ENTRIES.KIND,
            LEDGER_ENTRIES.CORRELATION_ID,
            LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID,
            LEDGER_ENTRIES.POSTING_ID,
            LEDGER_ENTRIES.COUNTERPARTY_ID,
            LEDGER_ENTRIES.REFERENCE,
            LEDGER_ENTRIES.UNIQUE_REFERENCE,
            LEDGER_ENTRIES.CODE,
            LEDGER_ENTRIES.METADATA,
            LEDGER_ENTRIES.HASH,
            LEDGER_ENTRIES.CREATED_AT)
        .select(
            select(
                    changed.field(ACCOUNTS.ID),
                    changed.field(amount),
                    changed.field(ACCOUNTS.BALANCE),
                    changed.field(kind),
                    changed.field(correlation),
                    changed.field(key),
                    changed.field(posting),
                    coalesce(
                        changed.field(counterparty), changed.field(ACCOUNTS.DEFAULT_EXTERNAL_ID)),
                    changed.field(reference),
                    changed.field(unique),
                    changed.field(code),
                    changed.field(metadata),
                    inline(NO_HASH),
                    now)
                .from(changed))
        .returningResult(LEDGER_ENTRIES.BALANCE_AFTER);
  }

  /** {@code CAST(:name AS type) AS alias}: one bound value of the statement's {@code p}. */
  private static <T> Field<T> bound(String name, DataType<T> type, String alias) {
    return param(name, type).cast(type).as(alias);
  }
}
