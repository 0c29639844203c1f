package dev.racefree;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;

import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.result.CurrencyMismatch;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.TransferResult;
import dev.racefree.result.Transferred;
import java.sql.SQLException;
import java.util.UUID;
import org.jooq.Record3;
import org.jooq.Result;
import org.jspecify.annotations.Nullable;

/**
 * Moves money between two accounts in the caller's transaction. Both rows are locked by one {@code
 * SELECT ... WHERE id IN (:a, :b) ORDER BY id FOR UPDATE}, which takes the locks in ascending id
 * order, so two transfers can never wait on each other in a cycle, A to B and B to A included. Each
 * leg is journaled with the same correlation id.
 */
final class Transfer {

  private Transfer() {}

  static TransferResult run(Tx tx, long from, long to, long amount, @Nullable Long keyId)
      throws SQLException {
    Result<Record3<Long, String, Long>> rows =
        tx.dsl()
            .select(ACCOUNTS.ID, ACCOUNTS.CURRENCY, ACCOUNTS.BALANCE)
            .from(ACCOUNTS)
            .where(ACCOUNTS.ID.in(from, to))
            .orderBy(ACCOUNTS.ID)
            .forUpdate()
            .fetch();
    Record3<Long, String, Long> source = find(rows, from);
    Record3<Long, String, Long> target = find(rows, to);
    if (source == null || target == null) {
      return new NoSuchAccount(source == null ? from : to);
    }
    if (!source.value2().equals(target.value2())) {
      return new CurrencyMismatch(source.value2(), target.value2());
    }
    if (source.value3() < amount) {
      return new InsufficientFunds(source.value3());
    }
    if (target.value3() > Long.MAX_VALUE - amount) {
      throw AmountOutOfRangeException.overflow(to, target.value3(), amount);
    }
    EntryTag tag = new EntryTag(EntryKind.transfer, UUID.randomUUID(), keyId);
    Long fromBalance = BalanceWrites.debit(tx, from, amount, tag);
    Long toBalance = BalanceWrites.credit(tx, to, amount, tag);
    if (fromBalance == null || toBalance == null) {
      throw new InternalErrorException(
          "locked rows refused a checked transfer " + from + " -> " + to);
    }
    return new Transferred(fromBalance, toBalance);
  }

  private static @Nullable Record3<Long, String, Long> find(
      Result<Record3<Long, String, Long>> rows, long id) {
    for (Record3<Long, String, Long> r : rows) {
      if (r.value1() == id) {
        return r;
      }
    }
    return null;
  }
}
