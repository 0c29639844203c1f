package dev.racefree.internal.holds;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.HOLD_EVENTS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.racefree.Posting;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.money.AccountRow;
import dev.racefree.internal.money.Externals;
import dev.racefree.internal.money.Velocity;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.schema.enums.HoldState;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.internal.sql.Funds;
import dev.racefree.result.CurrencyMismatch;
import dev.racefree.result.Held;
import dev.racefree.result.HoldResult;
import dev.racefree.result.NoSuchAccount;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.ResultQuery;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Opening a hold: one statement that raises the account's {@code held} when available funds cover
 * the amount within the lower bound, the amount fits the account's velocity limits (and counts in
 * them), the account is open and the expiry is ahead of the database's clock, and inserts the hold
 * (with the caller's posting, for its capture) and its first event only then.
 */
public final class HoldOpening {

  private HoldOpening() {}

  /**
   * Opens a hold of {@code amount} when available funds cover it within the lower bound and {@code
   * expiresAt} is still ahead: the hold's id and the available funds after it, or {@code null}.
   */
  public static @Nullable Record2<Long, Long> open(
      Tx tx,
      long accountId,
      @Nullable Long target,
      long amount,
      OffsetDateTime expiresAt,
      Posting posting) {
    return statement(tx.dsl(), accountId, target, amount, expiresAt, posting).fetchOne();
  }

  /** The one statement {@link #open} runs: no row when the hold was refused. */
  public static ResultQuery<Record2<Long, Long>> statement(
      DSLContext dsl,
      long accountId,
      @Nullable Long target,
      long amount,
      OffsetDateTime expiresAt,
      Posting posting) {
    Field<Long> available = Funds.unheld().cast(SQLDataType.BIGINT).as("available");
    CommonTableExpression<Record2<Long, Long>> a =
        name("a")
            .as(
                dsl.update(ACCOUNTS)
                    .set(ACCOUNTS.HELD, ACCOUNTS.HELD.plus(amount))
                    .set(ACCOUNTS.VELOCITY, Velocity.counted(val(amount), inline(1L)))
                    .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(inline(1L)))
                    .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
                    .where(ACCOUNTS.ID.eq(accountId))
                    .and(Funds.covers(val(BigDecimal.valueOf(amount))))
                    .and(Velocity.allows(val(amount)))
                    .and(val(expiresAt).gt(DbClock.NOW))
                    .and(ACCOUNTS.STATUS.eq(AccountStatus.open))
                    .returningResult(ACCOUNTS.ID, available));
    CommonTableExpression<Record1<Long>> h =
        name("h")
            .as(
                dsl.insertInto(HOLDS, columns())
                    .select(
                        select(values(a.field(ACCOUNTS.ID), target, amount, expiresAt, posting))
                            .from(a))
                    .returningResult(HOLDS.ID));
    CommonTableExpression<Record1<Long>> ev =
        name("ev")
            .as(
                dsl.insertInto(
                        HOLD_EVENTS, HOLD_EVENTS.HOLD_ID, HOLD_EVENTS.STATE, HOLD_EVENTS.AMOUNT)
                    .select(select(h.field(HOLDS.ID), val(HoldState.active), val(amount)).from(h))
                    .returningResult(HOLD_EVENTS.ID));
    return dsl.with(a).with(h).with(ev).select(h.field(HOLDS.ID), a.field(available)).from(h, a);
  }

  /** Every column a hold is opened with, in the order of {@link #values}. */
  public static List<Field<?>> columns() {
    List<Field<?>> columns =
        new ArrayList<>(
            List.of(HOLDS.ACCOUNT_ID, HOLDS.TARGET_ACCOUNT_ID, HOLDS.AMOUNT, HOLDS.EXPIRES_AT));
    columns.addAll(HoldPostings.COLUMNS);
    return columns;
  }

  /** A hold's values for {@link #columns()}, bound. */
  public static List<Field<?>> values(
      Field<Long> accountId,
      @Nullable Long target,
      long amount,
      OffsetDateTime expiresAt,
      Posting posting) {
    List<Field<?>> values =
        new ArrayList<>(
            List.of(accountId, val(target, HOLDS.TARGET_ACCOUNT_ID), val(amount), val(expiresAt)));
    values.addAll(HoldPostings.values(posting));
    return values;
  }

  /** A hold, or with {@code target} a held transfer. */
  public static HoldResult holdOrTransfer(
      Tx tx, long from, @Nullable Long target, long amount, OffsetDateTime until, Posting posting) {
    return target == null
        ? hold(tx, from, null, amount, until, posting)
        : transfer(tx, from, target, amount, until, posting);
  }

  /** A held transfer: both accounts must exist and share a currency. */
  public static HoldResult transfer(
      Tx tx, long from, long to, long amount, OffsetDateTime until, Posting posting) {
    AccountRow source = AccountRow.read(tx, from).orElse(null);
    AccountRow target = AccountRow.read(tx, to).orElse(null);
    if (source == null || target == null) {
      return new NoSuchAccount(source == null ? from : to);
    }
    if (!source.currency().equals(target.currency())) {
      return new CurrencyMismatch(source.currency(), target.currency());
    }
    return hold(tx, from, to, amount, until, posting);
  }

  /**
   * Opens the hold, or says why not (lapsed holds first stop counting). A plain hold's posting may
   * name an external account of the account's currency, for its capture; a unique reference must be
   * free on the account ({@link HoldPostings#requireUnreserved}), checked once the hold's statement
   * holds the row lock, so the caller runs this all or nothing when the posting has one.
   */
  public static HoldResult hold(
      Tx tx,
      long accountId,
      @Nullable Long target,
      long amount,
      OffsetDateTime until,
      Posting posting) {
    Long external = posting.external();
    if (target == null && external != null) {
      Externals.requireFor(tx, accountId, external);
    }
    Record2<Long, Long> held = open(tx, accountId, target, amount, until, posting);
    if (held == null && HoldEnds.sweep(tx, accountId) > 0) {
      held = open(tx, accountId, target, amount, until, posting);
    }
    if (held != null) {
      HoldPostings.requireUnreserved(tx, accountId, held.value1(), posting);
      return new Held(held.value1(), held.value2());
    }
    AccountRow row = AccountRow.read(tx, accountId).orElse(null);
    if (row == null) {
      return new NoSuchAccount(accountId);
    }
    if (tx.dsl().select(field(val(until).le(DbClock.NOW))).fetchSingle().value1()) {
      throw new InvalidArgumentException(
          "expiresAt must be after the database's clock, was " + until.toInstant());
    }
    return row.spendRefusal(tx, amount);
  }
}
