package dev.racefree.internal.money;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static org.jooq.impl.DSL.cardinality;

import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.sql.Funds;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.AccountFrozen;
import dev.racefree.result.FundsRefusal;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.SpendRefusal;
import dev.racefree.result.VelocityLimitExceeded;
import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record8;
import org.jooq.SelectJoinStep;
import org.jspecify.annotations.Nullable;

/**
 * An account's money columns and state, read under its row lock, or after a conditional write
 * matched nothing, to say why; {@code limited} when it has velocity limits.
 */
public record AccountRow(
    long id,
    String currency,
    long balance,
    long held,
    long minBalance,
    @Nullable Long maxBalance,
    AccountStatus status,
    boolean limited) {

  public static Optional<AccountRow> read(Tx tx, long id) {
    return select(tx.dsl()).where(ACCOUNTS.ID.eq(id)).fetchOptional(AccountRow::of);
  }

  /** {@code SELECT} the row's columns {@code FROM accounts}, for a {@code WHERE} to follow. */
  public static SelectJoinStep<
          Record8<Long, String, Long, Long, Long, Long, AccountStatus, Integer>>
      select(DSLContext dsl) {
    return dsl.select(
            ACCOUNTS.ID,
            ACCOUNTS.CURRENCY,
            ACCOUNTS.BALANCE,
            ACCOUNTS.HELD,
            ACCOUNTS.MIN_BALANCE,
            ACCOUNTS.MAX_BALANCE,
            ACCOUNTS.STATUS,
            cardinality(ACCOUNTS.VELOCITY))
        .from(ACCOUNTS);
  }

  public static AccountRow of(
      Record8<Long, String, Long, Long, Long, Long, AccountStatus, Integer> r) {
    return new AccountRow(
        r.value1(),
        r.value2(),
        r.value3(),
        r.value4(),
        r.value5(),
        r.value6(),
        r.value7(),
        r.value8() != null);
  }

  /** This row with {@code balance} and {@code held}. */
  public AccountRow with(long balance, long held) {
    return new AccountRow(id, currency, balance, held, minBalance, maxBalance, status, limited);
  }

  /** Whether a debit, hold or outgoing transfer of {@code amount} passes. */
  public boolean covers(long amount) {
    return status == AccountStatus.open && Funds.covers(balance, held, minBalance, amount);
  }

  /**
   * Why a spend of {@code amount} (a debit, hold or outgoing transfer) did not pass: the funds or
   * state, else a velocity limit as it stands now, else the funds as read (they may have moved).
   */
  public SpendRefusal spendRefusal(Tx tx, long amount) {
    VelocityLimitExceeded refused = covers(amount) ? velocityRefusal(tx, amount) : null;
    return refused != null ? refused : debitRefusal();
  }

  /**
   * Why a spend of {@code amount} does not fit the account's velocity limits as they stand now, or
   * {@code null}; reads them only when the account has limits.
   */
  public @Nullable VelocityLimitExceeded velocityRefusal(Tx tx, long amount) {
    return limited ? Velocity.refusal(Velocity.uses(tx, id), id, amount) : null;
  }

  /** Why a debit, hold or outgoing transfer did not pass its funds or state. */
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
