package dev.racefree;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.HOLD_EVENTS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.schema.enums.HoldState;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.jooq.CommonTableExpression;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Opening a hold: one statement that raises the account's {@code held} when available funds cover
 * the amount within the lower bound, the account is open and the expiry is ahead of the database's
 * clock, and inserts the hold and its first event only then.
 */
final class HoldOpening {

  private HoldOpening() {}

  /**
   * Opens a hold of {@code amount} when available funds cover it within the lower bound and {@code
   * expiresAt} is still ahead: the hold's id and the available funds after it, or {@code null}.
   */
  static @Nullable Record2<Long, Long> open(
      Tx tx, long accountId, long amount, OffsetDateTime expiresAt) {
    Field<Long> available = ACCOUNTS.BALANCE.minus(ACCOUNTS.HELD).as("available");
    CommonTableExpression<Record2<Long, Long>> a =
        name("a")
            .as(
                tx.dsl()
                    .update(ACCOUNTS)
                    .set(ACCOUNTS.HELD, ACCOUNTS.HELD.plus(amount))
                    .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(inline(1L)))
                    .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
                    .where(ACCOUNTS.ID.eq(accountId))
                    .and(
                        ACCOUNTS
                            .BALANCE
                            .cast(SQLDataType.NUMERIC)
                            .minus(ACCOUNTS.HELD)
                            .minus(ACCOUNTS.MIN_BALANCE)
                            .ge(val(BigDecimal.valueOf(amount))))
                    .and(val(expiresAt).gt(HoldWrites.NOW))
                    .and(ACCOUNTS.STATUS.eq(AccountStatus.open))
                    .returningResult(ACCOUNTS.ID, available));
    CommonTableExpression<Record1<Long>> h =
        name("h")
            .as(
                tx.dsl()
                    .insertInto(HOLDS, HOLDS.ACCOUNT_ID, HOLDS.AMOUNT, HOLDS.EXPIRES_AT)
                    .select(select(a.field(ACCOUNTS.ID), val(amount), val(expiresAt)).from(a))
                    .returningResult(HOLDS.ID));
    CommonTableExpression<Record1<Long>> ev =
        name("ev")
            .as(
                tx.dsl()
                    .insertInto(
                        HOLD_EVENTS, HOLD_EVENTS.HOLD_ID, HOLD_EVENTS.STATE, HOLD_EVENTS.AMOUNT)
                    .select(select(h.field(HOLDS.ID), val(HoldState.active), val(amount)).from(h))
                    .returningResult(HOLD_EVENTS.ID));
    return tx.dsl()
        .with(a)
        .with(h)
        .with(ev)
        .select(h.field(HOLDS.ID), a.field(available))
        .from(h, a)
        .fetchOne();
  }
}
