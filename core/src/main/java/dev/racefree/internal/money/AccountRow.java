package dev.racefree.internal.money;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;

import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.sql.Funds;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.AccountFrozen;
import dev.racefree.result.FundsRefusal;
import dev.racefree.result.InsufficientFunds;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record7;
import org.jooq.SelectJoinStep;
import org.jspecify.annotations.Nullable;

/**
 * An account's money columns and state, read under its row lock, or after a conditional write
 * matched nothing, to say why.
 */
public record AccountRow(
    long id,
    String currency,
    long balance,
    long held,
    long minBalance,
    @Nullable Long maxBalance,
    AccountStatus status) {

  public static Optional<AccountRow> read(Tx tx, long id) {
    return select(tx.dsl()).where(ACCOUNTS.ID.eq(id)).fetchOptional(AccountRow::of);
  }

  /** {@code SELECT} the row's columns {@code FROM accounts}, for a {@code WHERE} to follow. */
  public static SelectJoinStep<Record7<Long, String, Long, Long, Long, Long, AccountStatus>> select(
      DSLContext dsl) {
    return dsl.select(
            ACCOUNTS.ID,
            ACCOUNTS.CURRENCY,
            ACCOUNTS.BALANCE,
            ACCOUNTS.HELD,
            ACCOUNTS.MIN_BALANCE,
            ACCOUNTS.MAX_BALANCE,
            ACCOUNTS.STATUS)
        .from(ACCOUNTS);
  }

  public static AccountRow of(Record7<Long, String, Long, Long, Long, Long, AccountStatus> r) {
    return new AccountRow(
        r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7());
  }

  /** Whether a debit, hold or outgoing transfer of {@code amount} passes. */
  public boolean covers(long amount) {
    return status == AccountStatus.open && Funds.covers(balance, held, minBalance, amount);
  }

  /** Why a debit, hold or outgoing transfer did not pass. */
  public FundsRefusal debitRefusal() {
    return switch (status) {
      case closed -> new AccountClosed(id);
      case frozen -> new AccountFrozen(id);
      case open -> new InsufficientFunds(available());
    };
  }

  /** Balance minus the holds counted in {@code held}. */
  public long available() {
    return balance - held;
  }
}
