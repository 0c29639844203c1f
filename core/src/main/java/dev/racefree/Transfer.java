package dev.racefree;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;

import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.CurrencyMismatch;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.TransferResult;
import dev.racefree.result.Transferred;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Moves money between two accounts in the caller's transaction. Both rows are locked by one {@code
 * SELECT ... WHERE id IN (:a, :b) ORDER BY id FOR NO KEY UPDATE}, which takes the locks in
 * ascending id order, so two transfers can never wait on each other in a cycle, A to B and B to A
 * included. Each leg is journaled with the same correlation id.
 */
final class Transfer {

  private Transfer() {}

  static TransferResult run(Tx tx, long from, long to, long amount, @Nullable Long keyId)
      throws SQLException {
    TransferResult refused = check(tx, from, to, amount);
    if (refused != null) {
      return refused;
    }
    return write(tx, from, to, amount, new EntryTag(EntryKind.transfer, UUID.randomUUID(), keyId));
  }

  /**
   * Locks both rows, in ascending id order, and says why the transfer can not run, or {@code null}
   * when it can: the rows stay locked until the transaction ends.
   */
  static @Nullable TransferResult check(Tx tx, long from, long to, long amount) {
    List<AccountRow> rows = lockBoth(tx, from, to);
    AccountRow source = find(rows, from);
    AccountRow target = find(rows, to);
    if (source == null || target == null) {
      return new NoSuchAccount(source == null ? from : to);
    }
    if (!source.currency().equals(target.currency())) {
      return new CurrencyMismatch(source.currency(), target.currency());
    }
    if (!source.covers(amount) && source.held() > 0 && HoldWrites.sweep(tx, from) > 0) {
      source = AccountRow.read(tx, from).orElseThrow(); // locked: it is there
    }
    if (!source.covers(amount)) {
      return source.debitRefusal();
    }
    if (target.status() == AccountStatus.closed) {
      return new AccountClosed(to);
    }
    if (!Funds.fits(target.balance(), target.maxBalance(), amount)) {
      if (target.maxBalance() == null) {
        throw AmountOutOfRangeException.overflow(to, target.balance(), amount);
      }
      return new LimitExceeded(to, target.balance(), target.maxBalance());
    }
    return null;
  }

  /**
   * Writes both legs, checked by {@link #check} in this transaction, journaled under {@code tag}.
   */
  static Transferred write(Tx tx, long from, long to, long amount, EntryTag tag)
      throws SQLException {
    Long fromBalance = BalanceWrites.debit(tx, from, amount, tag);
    Long toBalance = BalanceWrites.credit(tx, to, amount, tag);
    if (fromBalance == null || toBalance == null) {
      throw new InternalErrorException(
          "locked rows refused a checked transfer " + from + " -> " + to);
    }
    return new Transferred(fromBalance, toBalance);
  }

  /** Both rows, locked in ascending id order by one statement. */
  static List<AccountRow> lockBoth(Tx tx, long from, long to) {
    return tx.dsl()
        .select(
            ACCOUNTS.ID,
            ACCOUNTS.CURRENCY,
            ACCOUNTS.BALANCE,
            ACCOUNTS.HELD,
            ACCOUNTS.MIN_BALANCE,
            ACCOUNTS.MAX_BALANCE,
            ACCOUNTS.STATUS)
        .from(ACCOUNTS)
        .where(ACCOUNTS.ID.in(from, to))
        .orderBy(ACCOUNTS.ID)
        .forNoKeyUpdate()
        .fetch(r ->
            new AccountRow(
                r.value1(),
                r.value2(),
                r.value3(),
                r.value4(),
                r.value5(),
                r.value6(),
                r.value7()));
  }

  private static @Nullable AccountRow find(List<AccountRow> rows, long id) {
    for (AccountRow r : rows) {
      if (r.id() == id) {
        return r;
      }
    }
    return null;
  }
}
