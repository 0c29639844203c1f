package dev.racefree.internal.ledger;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static dev.racefree.internal.schema.Tables.REDEMPTION_TOKENS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import dev.racefree.AuditReport;
import dev.racefree.Racefree;
import dev.racefree.internal.schema.enums.HoldState;
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
import org.jooq.impl.SQLDataType;

/** The queries behind {@link Racefree#verify()}; each is one statement, so one snapshot. */
public final class Audit {

  private static final RedemptionTokens T = REDEMPTION_TOKENS;

  private Audit() {}

  public static AuditReport run(DSLContext dsl) {
    return new AuditReport(
        balanceMismatches(dsl), outsideLimits(dsl), heldMismatches(dsl), tokenProblems(dsl));
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
