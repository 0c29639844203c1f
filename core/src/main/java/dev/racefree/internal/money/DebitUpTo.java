package dev.racefree.internal.money;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.least;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.racefree.Posting;
import dev.racefree.internal.holds.HoldEnds;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.internal.sql.Funds;
import dev.racefree.internal.sql.LedgerInsert;
import dev.racefree.result.DebitUpToResult;
import dev.racefree.result.DebitedUpTo;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.VelocityLimitExceeded;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.ResultQuery;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * The balancing debit: takes {@code min(max, available within the lower bound, what the velocity
 * limits let one spend take)} in one statement that reads the account's latest row under its lock
 * ({@code SELECT ... FOR NO KEY UPDATE} in a CTE), writes the balance and journals exactly what it
 * took.
 */
public final class DebitUpTo {

  private DebitUpTo() {}

  private static List<SelectFieldOrAsterisk> returned(Field<Long> take) {
    List<SelectFieldOrAsterisk> returned = new ArrayList<>(LedgerInsert.RETURNED);
    returned.add(take);
    return returned;
  }

  public static DebitUpToResult run(Tx tx, long id, long max, Posting posting) {
    Record2<Long, Long> first = take(tx, id, max, posting);
    long taken = first == null ? 0 : first.value1();
    if (taken < max && HoldEnds.sweep(tx, id) > 0) { // lapsed holds stop counting
      Record2<Long, Long> more = take(tx, id, max - taken, posting);
      if (more != null) {
        return new DebitedUpTo(taken + more.value1(), more.value2());
      }
    }
    if (first != null) {
      return new DebitedUpTo(taken, first.value2());
    }
    AccountRow row = AccountRow.read(tx, id).orElse(null);
    if (row == null) {
      return new NoSuchAccount(id);
    }
    if (row.status() != AccountStatus.open) {
      return (DebitUpToResult) row.debitRefusal();
    }
    VelocityLimitExceeded refused = row.velocityRefusal(tx, 1); // even one unit does not fit
    return refused != null ? refused : new DebitedUpTo(0, row.balance());
  }

  /** What one statement took and the balance after it, or {@code null} when it took nothing. */
  private static @Nullable Record2<Long, Long> take(Tx tx, long id, long max, Posting posting) {
    return statement(tx.dsl(), id, max, posting).fetchOne();
  }

  /**
   * The one statement: takes {@code least(max, spare)} ({@link Funds#spare()}) from an open
   * account, journals it, and returns the amount taken and the balance after it; no row when it
   * took nothing.
   */
  public static ResultQuery<Record2<Long, Long>> statement(
      DSLContext dsl, long id, long max, Posting posting) {
    Field<Long> amount =
        least(
                val(BigDecimal.valueOf(max)),
                Funds.spare(),
                Velocity.room().cast(SQLDataType.NUMERIC))
            .cast(SQLDataType.BIGINT)
            .as("amount");
    CommonTableExpression<Record1<Long>> spare =
        name("spare")
            .as(
                select(amount)
                    .from(ACCOUNTS)
                    .where(ACCOUNTS.ID.eq(id))
                    .and(ACCOUNTS.STATUS.eq(AccountStatus.open))
                    .forNoKeyUpdate());
    Field<Long> take = spare.field(amount);
    LedgerInsert.Described d = LedgerInsert.Described.of(EntryTag.debit(posting));
    CommonTableExpression<?> changed =
        name("changed")
            .as(
                LedgerInsert.chained(
                        dsl.update(ACCOUNTS)
                            .set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.minus(take))
                            .set(ACCOUNTS.VELOCITY, Velocity.counted(take, inline(1L)))
                            .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(inline(1L)))
                            .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime()),
                        take.neg(),
                        ACCOUNTS.BALANCE.minus(take),
                        d)
                    .from(spare)
                    .where(ACCOUNTS.ID.eq(id))
                    .and(take.gt(0L))
                    .returningResult(returned(take)));
    return LedgerInsert.entry(
            dsl.with(spare).with(changed),
            changed,
            changed.field(take).neg(),
            d,
            DSL.trueCondition())
        .returningResult(LEDGER_ENTRIES.AMOUNT.neg(), LEDGER_ENTRIES.BALANCE_AFTER);
  }
}
