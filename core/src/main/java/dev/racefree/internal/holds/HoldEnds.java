package dev.racefree.internal.holds;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.HOLD_EVENTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.arrayAgg;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import dev.racefree.Posting;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.money.BalanceWrites;
import dev.racefree.internal.money.Externals;
import dev.racefree.internal.money.LockedRows;
import dev.racefree.internal.money.Velocity;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.internal.schema.enums.HoldState;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.internal.sql.LedgerInsert;
import dev.racefree.result.AboveHold;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.AlreadyCaptured;
import dev.racefree.result.AlreadyReleased;
import dev.racefree.result.CaptureResult;
import dev.racefree.result.Captured;
import dev.racefree.result.HoldExpired;
import dev.racefree.result.HoldRefusal;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.ReleaseResult;
import dev.racefree.result.Released;
import dev.racefree.result.TransferResult;
import dev.racefree.result.UnknownHold;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record3;
import org.jooq.Record4;
import org.jooq.ResultQuery;
import org.jooq.Table;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * Ending a hold: capture (whole or in part, a held transfer crediting its target), release, and
 * expiry, and why an end was refused. Each end is one statement that locks the account row before
 * any hold row (a {@code SELECT ... FOR NO KEY UPDATE} in its first CTE), as every racefree
 * transaction does, so holds never deadlock with debits, transfers or one another; {@code
 * accounts.held} changes by exactly the amounts of the holds the statement ended, and each end
 * writes its {@code hold_events} row. Expiry is by {@link DbClock}, the database's clock: a hold
 * past it is marked expired by whoever meets it first ({@link #sweep}).
 */
public final class HoldEnds {

  /**
   * A hold as read after a capture or release matched nothing, to say why: its state, amount, what
   * a capture took, and whether the database's clock has passed its expiry.
   */
  public record Row(HoldState state, long amount, @Nullable Long captured, boolean expired) {
    public static Optional<Row> read(Tx tx, long holdId) {
      return tx.dsl()
          .select(
              HOLDS.STATE, HOLDS.AMOUNT, HOLDS.CAPTURED, field(HOLDS.EXPIRES_AT.le(DbClock.NOW)))
          .from(HOLDS)
          .where(HOLDS.ID.eq(holdId))
          .fetchOptional(r -> new Row(r.value1(), r.value2(), r.value3(), r.value4()));
    }

    /** Active, and the clock has passed its expiry: nobody has marked it expired yet. */
    public boolean lapsed() {
      return state == HoldState.active && expired;
    }
  }

  private HoldEnds() {}

  /**
   * Ends hold {@code holdId} as {@code state}: captured (taking {@code captured}, at most the held
   * amount, before expiry), released (before expiry) or expired (from expiry on). Returns the
   * account's balance after it, or {@code null} when the hold is not active in the required window.
   */
  public static @Nullable Long end(Tx tx, long holdId, HoldState state, @Nullable Long captured) {
    return end(tx, holdId, state, captured, null);
  }

  /**
   * As {@link #end(Tx, long, HoldState, Long)}; a capture journals what it takes as described by
   * {@code tag} (a transfer leg, whose other leg the caller writes, or a capture against the
   * default external account).
   */
  public static @Nullable Long end(
      Tx tx, long holdId, HoldState state, @Nullable Long captured, @Nullable EntryTag tag) {
    Condition window =
        state == HoldState.expired
            ? HOLDS.EXPIRES_AT.le(DbClock.NOW)
            : HOLDS.EXPIRES_AT.gt(DbClock.NOW);
    Condition which = HOLDS.ID.eq(holdId).and(window);
    if (captured != null) {
      which = which.and(HOLDS.AMOUNT.ge(captured));
    }
    Field<Long> owner = field(select(HOLDS.ACCOUNT_ID).from(HOLDS).where(HOLDS.ID.eq(holdId)));
    return ending(tx, owner, which, state, captured, tag).fetchOne(Record3::value2);
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
      @Nullable EntryTag tag) {
    CommonTableExpression<Record1<Long>> la =
        name("la")
            .as(select(ACCOUNTS.ID).from(ACCOUNTS).where(ACCOUNTS.ID.eq(owner)).forNoKeyUpdate());
    CommonTableExpression<Record4<Long, Long, Long, OffsetDateTime>> h =
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
                    .returningResult(HOLDS.ID, HOLDS.ACCOUNT_ID, HOLDS.AMOUNT, HOLDS.CREATED_AT));
    long taken = captured == null ? 0L : captured;
    Field<BigDecimal> total = sum(h.field(HOLDS.AMOUNT)).as("total");
    // What the holds counted in the account's velocity limits and did not spend goes back: all of
    // a released or expired hold, and a capture's remainder, but not the capture's spend.
    Field<Long[]> unspent = arrayAgg(h.field(HOLDS.AMOUNT).minus(inline(taken))).as("unspent");
    Field<Long[]> spends = arrayAgg(inline(captured == null ? 1L : 0L)).as("spends");
    Field<OffsetDateTime[]> countedAt = arrayAgg(h.field(HOLDS.CREATED_AT)).as("counted_at");
    Table<?> sums =
        select(h.field(HOLDS.ACCOUNT_ID), total, unspent, spends, countedAt)
            .from(h)
            .groupBy(h.field(HOLDS.ACCOUNT_ID))
            .asTable("sums");
    LedgerInsert.Described d =
        LedgerInsert.Described.of(tag == null ? EntryTag.debit(Posting.of()) : tag);
    Condition journaled = val(taken).gt(0L);
    CommonTableExpression<?> ua =
        name("ua")
            .as(
                LedgerInsert.chained(
                        tx.dsl()
                            .update(ACCOUNTS)
                            .set(
                                ACCOUNTS.HELD,
                                ACCOUNTS.HELD.minus(sums.field(total).cast(SQLDataType.BIGINT)))
                            .set(
                                ACCOUNTS.VELOCITY,
                                Velocity.givenBack(
                                    sums.field(unspent), sums.field(spends), sums.field(countedAt)))
                            .set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.minus(taken))
                            .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(inline(1L)))
                            .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime()),
                        val(-taken),
                        ACCOUNTS.BALANCE.minus(taken),
                        d,
                        LedgerInsert.now(),
                        journaled)
                    .from(sums)
                    .where(ACCOUNTS.ID.eq(sums.field(h.field(HOLDS.ACCOUNT_ID))))
                    .returningResult(LedgerInsert.RETURNED));
    CommonTableExpression<Record1<Long>> le =
        name("le")
            .as(
                LedgerInsert.entry(tx.dsl(), ua, val(-taken), d, journaled)
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

  public static ReleaseResult release(Tx tx, long holdId) {
    if (end(tx, holdId, HoldState.released, null) != null) {
      return new Released(holdId);
    }
    Row row = Row.read(tx, holdId).orElse(null);
    if (row != null && row.state() == HoldState.active && !row.expired()) {
      throw new InternalErrorException("an active hold " + holdId + " refused its release");
    }
    return ended(tx, holdId, row);
  }

  /** Why an ended, lapsed or unknown hold refused; marks a lapsed one expired. */
  public static HoldRefusal ended(Tx tx, long holdId, @Nullable Row row) {
    if (row == null) {
      return new UnknownHold(holdId);
    }
    if (row.lapsed()) {
      end(tx, holdId, HoldState.expired, null); // whoever marks it, it is expired
      return new HoldExpired(holdId);
    }
    return switch (row.state()) {
      case captured -> new AlreadyCaptured(holdId, row.captured() == null ? 0 : row.captured());
      case released -> new AlreadyReleased(holdId);
      case expired, active -> new HoldExpired(holdId);
    };
  }

  /** The balance minus active, unexpired holds, by the database's clock; empty if no account. */
  public static Optional<Long> available(Tx tx, long accountId) {
    return tx.dsl()
        .select(
            ACCOUNTS
                .BALANCE
                .cast(SQLDataType.NUMERIC)
                .minus(
                    coalesce(
                        field(
                            select(sum(HOLDS.AMOUNT))
                                .from(HOLDS)
                                .where(HOLDS.ACCOUNT_ID.eq(accountId))
                                .and(HOLDS.STATE.eq(HoldState.active))
                                .and(HOLDS.EXPIRES_AT.gt(DbClock.NOW))),
                        val(BigDecimal.ZERO))))
        .from(ACCOUNTS)
        .where(ACCOUNTS.ID.eq(accountId))
        .fetchOptional(r -> r.value1().longValueExact());
  }

  /** The accounts that have active holds past their expiry. */
  public static List<Long> withLapsedHolds(Tx tx) {
    return tx.dsl()
        .selectDistinct(HOLDS.ACCOUNT_ID)
        .from(HOLDS)
        .where(HOLDS.STATE.eq(HoldState.active))
        .and(HOLDS.EXPIRES_AT.le(DbClock.NOW))
        .fetch(HOLDS.ACCOUNT_ID);
  }

  /**
   * Captures {@code amount} of hold {@code holdId}. The entries carry {@code posting}, or, when it
   * is empty, the posting the hold was opened with; a plain hold's capture posts against the
   * posting's external account (checked when the capture names its own), or the default one.
   */
  public static CaptureResult capture(
      Tx tx, long holdId, long amount, Posting posting, @Nullable Long keyId) throws SQLException {
    List<Field<?>> read = new ArrayList<>(List.of(HOLDS.ACCOUNT_ID, HOLDS.TARGET_ACCOUNT_ID));
    read.addAll(HoldPostings.SELECTED);
    Record ends = tx.dsl().select(read).from(HOLDS).where(HOLDS.ID.eq(holdId)).fetchOne();
    Long target = ends == null ? null : ends.get(HOLDS.TARGET_ACCOUNT_ID);
    Posting used = posting.isEmpty() && ends != null ? HoldPostings.stored(ends) : posting;
    Long external = posting.external();
    if (ends != null && target == null && external != null) {
      Externals.requireFor(tx, ends.get(HOLDS.ACCOUNT_ID), external);
    }
    EntryTag tag = EntryTag.debit(used).withKey(keyId);
    if (ends != null && target != null) {
      long source = ends.get(HOLDS.ACCOUNT_ID);
      LockedRows rows = LockedRows.lock(tx, List.of(source, target)); // ascending, as transfers
      if (!rows.exists(target)) {
        throw new InternalErrorException("the target of hold " + holdId + " is gone");
      }
      TransferResult refused = rows.creditRefusal(target, amount);
      if (refused != null) {
        return switch (refused) {
          case AccountClosed closed -> closed;
          case LimitExceeded limit -> limit;
          default -> throw new InternalErrorException("a credit refused with " + refused);
        };
      }
      tag = EntryTag.transfer(EntryKind.transfer, UUID.randomUUID(), used).withKey(keyId);
    }
    EntryTag source =
        target == null
            ? new EntryTag(EntryKind.capture, tag.postingId(), null, keyId, used.external(), used)
            : tag.against(target);
    Long balance = end(tx, holdId, HoldState.captured, amount, source);
    if (balance != null) {
      if (ends != null
          && target != null
          && BalanceWrites.credit(tx, target, amount, tag.against(ends.get(HOLDS.ACCOUNT_ID)))
              == null) {
        throw new InternalErrorException("the locked target " + target + " refused a capture");
      }
      return new Captured(amount, balance);
    }
    Row row = Row.read(tx, holdId).orElse(null);
    if (row != null && row.state() == HoldState.active && !row.expired()) {
      if (row.amount() < amount) {
        return new AboveHold(holdId, row.amount());
      }
      throw new InternalErrorException("an active hold " + holdId + " refused its capture");
    }
    return ended(tx, holdId, row);
  }
}
