package dev.racefree.internal.holds;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.HOLD_EVENTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.internal.schema.enums.HoldState;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.internal.sql.LedgerInsert;
import java.math.BigDecimal;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Every change of a hold, each one statement. Each locks the account row before any hold row (a
 * {@code SELECT ... FOR NO KEY UPDATE} in its first CTE), as every racefree transaction does, so
 * holds never deadlock with debits, transfers or one another. {@code accounts.held} changes by
 * exactly the amounts of the holds the same statement opened or ended, and each change writes its
 * {@code hold_events} row. Expiry is by {@code statement_timestamp()}, the database's clock.
 */
public final class HoldWrites {

  private HoldWrites() {}

  /**
   * Ends hold {@code holdId} as {@code state}: captured (taking {@code captured}, at most the held
   * amount, before expiry), released (before expiry) or expired (from expiry on). Returns the
   * account's balance after it, or {@code null} when the hold is not active in the required window.
   */
  public static @Nullable Long end(Tx tx, long holdId, HoldState state, @Nullable Long captured) {
    return end(tx, holdId, state, captured, null);
  }

  /**
   * As {@link #end(Tx, long, HoldState, Long)}; a capture with {@code transfer} journals its entry
   * as a transfer leg under that correlation id (the caller writes the other leg).
   */
  public static @Nullable Long end(
      Tx tx, long holdId, HoldState state, @Nullable Long captured, @Nullable UUID transfer) {
    Condition window =
        state == HoldState.expired
            ? HOLDS.EXPIRES_AT.le(DbClock.NOW)
            : HOLDS.EXPIRES_AT.gt(DbClock.NOW);
    Condition which = HOLDS.ID.eq(holdId).and(window);
    if (captured != null) {
      which = which.and(HOLDS.AMOUNT.ge(captured));
    }
    Field<Long> owner = field(select(HOLDS.ACCOUNT_ID).from(HOLDS).where(HOLDS.ID.eq(holdId)));
    return ending(tx, owner, which, state, captured, transfer).fetchOne(Record3::value2);
  }

  /** Marks every expired hold of {@code accountId} expired; how many there were. */
  public static int sweep(Tx tx, long accountId) {
    Condition which = HOLDS.EXPIRES_AT.le(DbClock.NOW);
    return ending(tx, val(accountId), which, HoldState.expired, null, null).fetch().size();
  }

  /**
   * {@code WITH la AS (SELECT id FROM accounts WHERE id = :owner FOR NO KEY UPDATE), h AS (UPDATE
   * holds SET state = :state ... WHERE account_id = (SELECT id FROM la) AND state = 'active' AND
   * :which RETURNING ...), ua AS (UPDATE accounts SET held = held - sums ... FROM (per-account sums
   * of h)), ... SELECT hold id, balance, amount FROM h JOIN ua}.
   */
  private static ResultQuery<Record3<Long, Long, Long>> ending(
      Tx tx,
      Field<Long> owner,
      Condition which,
      HoldState state,
      @Nullable Long captured,
      @Nullable UUID transfer) {
    CommonTableExpression<Record1<Long>> la =
        name("la")
            .as(select(ACCOUNTS.ID).from(ACCOUNTS).where(ACCOUNTS.ID.eq(owner)).forNoKeyUpdate());
    CommonTableExpression<Record3<Long, Long, Long>> h =
        name("h")
            .as(
                tx.dsl()
                    .update(HOLDS)
                    .set(HOLDS.STATE, state)
                    .set(HOLDS.CAPTURED, captured)
                    .set(HOLDS.ENDED_AT, DbClock.NOW)
                    .where(HOLDS.ACCOUNT_ID.eq(field(select(la.field(ACCOUNTS.ID)).from(la))))
                    .and(HOLDS.STATE.eq(HoldState.active))
                    .and(which)
                    .returningResult(HOLDS.ID, HOLDS.ACCOUNT_ID, HOLDS.AMOUNT));
    Field<BigDecimal> total = sum(h.field(HOLDS.AMOUNT)).as("total");
    Table<Record2<Long, BigDecimal>> sums =
        select(h.field(HOLDS.ACCOUNT_ID), total)
            .from(h)
            .groupBy(h.field(HOLDS.ACCOUNT_ID))
            .asTable("sums");
    long taken = captured == null ? 0L : captured;
    CommonTableExpression<Record2<Long, Long>> ua =
        name("ua")
            .as(
                tx.dsl()
                    .update(ACCOUNTS)
                    .set(
                        ACCOUNTS.HELD,
                        ACCOUNTS.HELD.minus(sums.field(total).cast(SQLDataType.BIGINT)))
                    .set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.minus(taken))
                    .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(inline(1L)))
                    .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
                    .from(sums)
                    .where(ACCOUNTS.ID.eq(sums.field(h.field(HOLDS.ACCOUNT_ID))))
                    .returningResult(ACCOUNTS.ID, ACCOUNTS.BALANCE));
    CommonTableExpression<Record1<Long>> le =
        name("le")
            .as(
                LedgerInsert.into(tx.dsl())
                    .select(
                        LedgerInsert.entry(
                                ua.field(ACCOUNTS.ID),
                                val(-taken),
                                ua.field(ACCOUNTS.BALANCE),
                                val(transfer == null ? EntryKind.capture : EntryKind.transfer),
                                val(transfer, LEDGER_ENTRIES.CORRELATION_ID),
                                LedgerInsert.noKey())
                            .from(ua)
                            .where(val(taken).gt(0L)))
                    .returningResult(LEDGER_ENTRIES.ID));
    CommonTableExpression<Record1<Long>> ev =
        name("ev")
            .as(
                tx.dsl()
                    .insertInto(
                        HOLD_EVENTS, HOLD_EVENTS.HOLD_ID, HOLD_EVENTS.STATE, HOLD_EVENTS.AMOUNT)
                    .select(
                        select(
                                h.field(HOLDS.ID),
                                val(state),
                                captured == null ? h.field(HOLDS.AMOUNT) : val(captured))
                            .from(h))
                    .returningResult(HOLD_EVENTS.ID));
    return tx.dsl()
        .with(la)
        .with(h)
        .with(ua)
        .with(le)
        .with(ev)
        .select(h.field(HOLDS.ID), ua.field(ACCOUNTS.BALANCE), h.field(HOLDS.AMOUNT))
        .from(h)
        .join(ua)
        .on(ua.field(ACCOUNTS.ID).eq(h.field(HOLDS.ACCOUNT_ID)));
  }
}
