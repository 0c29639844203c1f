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
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.ResultQuery;
import org.jooq.conf.Settings;
import org.jooq.impl.SQLDataType;

/**
 * racefree's posting against the account's default external account without the hash chain: the
 * same change, one entry whose counterparty is the account's {@code default_external_id} and whose
 * posting id is bound, but the account's {@code UPDATE} leaves {@code chain} and {@code
 * last_entry_at} alone and the entry stores no {@code hash}. Against racefree's own statement it
 * isolates what the chain costs from the rest of the postings schema. Built from the generated
 * types, with parameters named as racefree names its own (and {@code posting_id}).
 */
public final class Unchained {

  private Unchained() {}

  /** The debit, rendered for {@code settings}. */
  public static HotStatement debit(Settings settings) {
    return SingleSided.render(
        "unchained debit",
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

  /** The credit (a deposit), rendered for {@code settings}. */
  public static HotStatement credit(Settings settings) {
    return SingleSided.render(
        "unchained credit",
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
    CommonTableExpression<Record3<Long, Long, Long>> changed =
        name("changed")
            .as(
                dsl.update(ACCOUNTS)
                    .set(
                        ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.plus(param("delta", SQLDataType.BIGINT)))
                    .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(inline(1L)))
                    .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
                    .where(ACCOUNTS.ID.eq(param("account_id", SQLDataType.BIGINT)).and(allowed))
                    .returningResult(ACCOUNTS.ID, ACCOUNTS.BALANCE, ACCOUNTS.DEFAULT_EXTERNAL_ID));
    Field<Long> id = changed.field(ACCOUNTS.ID);
    Field<Long> balance = changed.field(ACCOUNTS.BALANCE);
    Field<Long> external = changed.field(ACCOUNTS.DEFAULT_EXTERNAL_ID);
    return dsl.with(changed)
        .insertInto(
            LEDGER_ENTRIES,
            LEDGER_ENTRIES.ACCOUNT_ID,
            LEDGER_ENTRIES.AMOUNT,
            LEDGER_ENTRIES.BALANCE_AFTER,
            LEDGER_ENTRIES.KIND,
            LEDGER_ENTRIES.CORRELATION_ID,
            LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID,
            LEDGER_ENTRIES.POSTING_ID,
            LEDGER_ENTRIES.COUNTERPARTY_ID)
        .select(
            select(
                    id,
                    param("entry_amount", SQLDataType.BIGINT),
                    balance,
                    param("entry_kind", LEDGER_ENTRIES.KIND.getDataType()),
                    param("correlation_id", LEDGER_ENTRIES.CORRELATION_ID.getDataType()),
                    param("idempotency_key_id", LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID.getDataType()),
                    param("posting_id", LEDGER_ENTRIES.POSTING_ID.getDataType()),
                    external)
                .from(changed))
        .returningResult(LEDGER_ENTRIES.BALANCE_AFTER);
  }

  private static Field<BigDecimal> limit() {
    return param("limit", SQLDataType.BIGINT).cast(SQLDataType.NUMERIC);
  }
}
