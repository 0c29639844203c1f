package dev.racefree.internal.ledger;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static dev.racefree.internal.schema.Tables.POSTING_SIDES;
import static dev.racefree.internal.schema.Tables.REDEMPTION_TOKENS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.countDistinct;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.lag;
import static org.jooq.impl.DSL.min;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.partitionBy;
import static org.jooq.impl.DSL.rowNumber;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import dev.racefree.AuditReport;
import dev.racefree.Racefree;
import dev.racefree.internal.codes.CodeAudit;
import dev.racefree.internal.schema.Routines;
import dev.racefree.internal.schema.enums.HoldState;
import dev.racefree.internal.schema.tables.LedgerEntries;
import dev.racefree.internal.schema.tables.RedemptionTokens;
import dev.racefree.internal.sql.Funds;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.Table;
import org.jooq.WindowDefinition;
import org.jooq.impl.SQLDataType;

/** The queries behind {@link Racefree#verify()}; each is one statement, so one snapshot. */
public final class Audit {

  private static final RedemptionTokens T = REDEMPTION_TOKENS;

  private Audit() {}

  public static AuditReport run(DSLContext dsl) {
    return new AuditReport(
        balanceMismatches(dsl),
        outsideLimits(dsl),
        heldMismatches(dsl),
        tokenProblems(dsl),
        unbalancedPostings(dsl),
        unbalancedCurrencies(dsl),
        chainBreaks(dsl),
        CodeAudit.problems(dsl));
  }

  /**
   * Postings whose sides ({@code posting_sides}: every entry, and the external side of every entry
   * against an external account) do not sum to zero, or span more than one currency.
   */
  private static List<AuditReport.UnbalancedPosting> unbalancedPostings(DSLContext dsl) {
    Field<BigDecimal> total = sum(POSTING_SIDES.AMOUNT);
    Field<Integer> currencies = countDistinct(ACCOUNTS.CURRENCY);
    return dsl.select(POSTING_SIDES.POSTING_ID, total, currencies)
        .from(POSTING_SIDES)
        .leftJoin(ACCOUNTS)
        .on(ACCOUNTS.ID.eq(POSTING_SIDES.ACCOUNT_ID))
        .groupBy(POSTING_SIDES.POSTING_ID)
        .having(total.ne(inline(BigDecimal.ZERO)).or(currencies.ne(inline(1))))
        .orderBy(POSTING_SIDES.POSTING_ID)
        .fetch(
            r -> new AuditReport.UnbalancedPosting(r.value1(), r.value2().longValue(), r.value3()));
  }

  /**
   * Per currency, the internal accounts' balances plus the external accounts' (the sums of their
   * sides): zero when no money was made or lost.
   */
  private static List<AuditReport.UnbalancedCurrency> unbalancedCurrencies(DSLContext dsl) {
    Field<BigDecimal> amount = sum(ACCOUNTS.BALANCE).as("amount");
    Table<?> internal =
        select(ACCOUNTS.CURRENCY, amount)
            .from(ACCOUNTS)
            .where(ACCOUNTS.EXTERNAL_NAME.isNull())
            .groupBy(ACCOUNTS.CURRENCY)
            .unionAll(
                select(ACCOUNTS.CURRENCY, sum(POSTING_SIDES.AMOUNT))
                    .from(POSTING_SIDES)
                    .join(ACCOUNTS)
                    .on(ACCOUNTS.ID.eq(POSTING_SIDES.ACCOUNT_ID))
                    .where(ACCOUNTS.EXTERNAL_NAME.isNotNull())
                    .groupBy(ACCOUNTS.CURRENCY))
            .asTable("totals");
    Field<String> currency = internal.field(ACCOUNTS.CURRENCY);
    Field<BigDecimal> total = sum(internal.field(amount));
    return dsl.select(currency, total)
        .from(internal)
        .groupBy(currency)
        .having(total.ne(inline(BigDecimal.ZERO)))
        .orderBy(currency)
        .fetch(r -> new AuditReport.UnbalancedCurrency(r.value1(), r.value2().longValue()));
  }

  /**
   * The hash chain, recomputed: per account, the first entry whose hash is not {@code
   * entry_link(the previous entry's hash, its own columns)}, and the accounts whose head ({@code
   * chain}, {@code last_entry_at}) is not their newest entry's hash and time.
   */
  private static List<AuditReport.ChainBreak> chainBreaks(DSLContext dsl) {
    LedgerEntries e = LEDGER_ENTRIES;
    WindowDefinition w = name("w").as(partitionBy(e.ACCOUNT_ID).orderBy(e.ID));
    Field<byte[]> previous = coalesce(lag(e.HASH).over(w), inline(new byte[0]));
    Field<byte[]> expected =
        Routines.entryLink(
                previous,
                e.ACCOUNT_ID,
                e.AMOUNT,
                e.BALANCE_AFTER,
                e.KIND,
                e.POSTING_ID,
                e.COUNTERPARTY_ID,
                e.IDEMPOTENCY_KEY_ID,
                e.REFERENCE,
                e.CODE,
                e.METADATA,
                e.CREATED_AT)
            .as("expected");
    Field<Boolean> newest =
        rowNumber().over(partitionBy(e.ACCOUNT_ID).orderBy(e.ID.desc())).eq(1).as("newest");
    Table<?> links =
        select(e.ID, e.ACCOUNT_ID, e.HASH, e.CREATED_AT, expected, newest)
            .from(e)
            .window(w)
            .asTable("links");
    Field<Long> id = links.field(e.ID);
    Field<Long> account = links.field(e.ACCOUNT_ID);
    List<AuditReport.ChainBreak> breaks = new ArrayList<>();
    dsl.select(account, min(id))
        .from(links)
        .where(links.field(e.HASH).isDistinctFrom(links.field(expected)))
        .groupBy(account)
        .orderBy(account)
        .forEach(r -> breaks.add(new AuditReport.ChainBreak(r.value1(), r.value2())));
    // The head: an account's chain and time are its newest entry's ('\x' and none before one).
    Table<?> heads =
        select(account, links.field(e.HASH), links.field(e.CREATED_AT))
            .from(links)
            .where(links.field(newest))
            .asTable("heads");
    Field<Long> headAccount = heads.field(account);
    dsl.select(ACCOUNTS.ID)
        .from(ACCOUNTS)
        .leftJoin(heads)
        .on(headAccount.eq(ACCOUNTS.ID))
        .where(
            ACCOUNTS
                .CHAIN
                .isDistinctFrom(coalesce(heads.field(links.field(e.HASH)), inline(new byte[0])))
                .or(ACCOUNTS.LAST_ENTRY_AT.isDistinctFrom(heads.field(links.field(e.CREATED_AT)))))
        .orderBy(ACCOUNTS.ID)
        .forEach(r -> breaks.add(new AuditReport.ChainBreak(r.value1(), 0)));
    return breaks;
  }

  private static List<AuditReport.BalanceMismatch> balanceMismatches(DSLContext dsl) {
    Field<Long> total = sum(LEDGER_ENTRIES.AMOUNT).cast(SQLDataType.BIGINT).as("total");
    Table<Record2<Long, Long>> sums =
        select(LEDGER_ENTRIES.ACCOUNT_ID, total)
            .from(LEDGER_ENTRIES)
            .groupBy(LEDGER_ENTRIES.ACCOUNT_ID)
            .asTable("sums");
    Field<Long> entries = coalesce(sums.field(total), val(0L));
    return dsl.select(ACCOUNTS.ID, ACCOUNTS.BALANCE, entries)
        .from(ACCOUNTS)
        .leftJoin(sums)
        .on(sums.field(LEDGER_ENTRIES.ACCOUNT_ID).eq(ACCOUNTS.ID))
        .where(ACCOUNTS.BALANCE.ne(entries))
        .orderBy(ACCOUNTS.ID)
        .fetch(r -> new AuditReport.BalanceMismatch(r.value1(), r.value2(), r.value3()));
  }

  private static List<Long> outsideLimits(DSLContext dsl) {
    return dsl.select(ACCOUNTS.ID)
        .from(ACCOUNTS)
        .where(
            Funds.spare()
                .lt(inline(BigDecimal.ZERO))
                .or(ACCOUNTS.BALANCE.gt(ACCOUNTS.MAX_BALANCE))
                .or(ACCOUNTS.HELD.lt(0L)))
        .orderBy(ACCOUNTS.ID)
        .fetch(r -> r.value1());
  }

  /** {@code held} against the sum of active holds, expired-but-unmarked ones included. */
  private static List<AuditReport.HeldMismatch> heldMismatches(DSLContext dsl) {
    Field<Long> total = sum(HOLDS.AMOUNT).cast(SQLDataType.BIGINT).as("total");
    Table<Record2<Long, Long>> active =
        select(HOLDS.ACCOUNT_ID, total)
            .from(HOLDS)
            .where(HOLDS.STATE.eq(HoldState.active))
            .groupBy(HOLDS.ACCOUNT_ID)
            .asTable("active");
    Field<Long> held = coalesce(active.field(total), val(0L));
    return dsl.select(ACCOUNTS.ID, ACCOUNTS.HELD, held)
        .from(ACCOUNTS)
        .leftJoin(active)
        .on(active.field(HOLDS.ACCOUNT_ID).eq(ACCOUNTS.ID))
        .where(ACCOUNTS.HELD.ne(held))
        .orderBy(ACCOUNTS.ID)
        .fetch(r -> new AuditReport.HeldMismatch(r.value1(), r.value2(), r.value3()));
  }

  private static List<AuditReport.TokenProblem> tokenProblems(DSLContext dsl) {
    List<AuditReport.TokenProblem> problems = new ArrayList<>();
    check(
        dsl,
        problems,
        "redeemed without who or when",
        T.REDEEMED.isTrue().and(T.REDEEMED_BY.isNull().or(T.REDEEMED_AT.isNull())));
    check(
        dsl,
        problems,
        "not redeemed, yet has a redeemer or a time",
        T.REDEEMED.isFalse().and(T.REDEEMED_BY.isNotNull().or(T.REDEEMED_AT.isNotNull())));
    check(
        dsl,
        problems,
        "redeemed after it expired",
        T.REDEEMED.isTrue().and(T.EXPIRES_AT.isNotNull()).and(T.REDEEMED_AT.gt(T.EXPIRES_AT)));
    check(
        dsl,
        problems,
        "redeemed by someone it was not issued to",
        T.REDEEMED.isTrue().and(T.ISSUED_TO.isNotNull()).and(T.REDEEMED_BY.ne(T.ISSUED_TO)));
    return problems;
  }

  private static void check(
      DSLContext dsl, List<AuditReport.TokenProblem> into, String problem, Condition broken) {
    dsl.select(T.ID)
        .from(T)
        .where(broken)
        .orderBy(T.ID)
        .forEach(r -> into.add(new AuditReport.TokenProblem(r.value1(), problem)));
  }
}
