package dev.racefree.internal.money;

import dev.racefree.Posting;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.internal.sql.PostingIds;
import dev.racefree.result.TransferResult;
import dev.racefree.result.Transferred;
import java.sql.SQLException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Moves money between two accounts in the caller's transaction. Both rows are locked by one {@code
 * SELECT ... WHERE id IN (:a, :b) ORDER BY id FOR NO KEY UPDATE}, which takes the locks in
 * ascending id order, so two transfers can never wait on each other in a cycle, A to B and B to A
 * included. Each leg is journaled with the same correlation id.
 */
public final class Transfer {

  private Transfer() {}

  public static TransferResult run(
      Tx tx, long from, long to, long amount, Posting posting, @Nullable Long keyId)
      throws SQLException {
    TransferResult refused = check(tx, from, to, amount);
    if (refused != null) {
      return refused;
    }
    return write(
        tx,
        from,
        to,
        amount,
        EntryTag.transfer(EntryKind.transfer, PostingIds.next(), posting).withKey(keyId));
  }

  /**
   * Locks both rows, in ascending id order, and says why the transfer can not run, or {@code null}
   * when it can: the rows stay locked until the transaction ends.
   */
  public static @Nullable TransferResult check(Tx tx, long from, long to, long amount) {
    return LockedRows.lock(tx, List.of(from, to)).transferRefusal(from, to, amount);
  }

  /**
   * Writes both legs, checked by {@link #check} in this transaction, journaled under {@code tag};
   * the debit is a spend, counted in {@code from}'s velocity limits.
   */
  public static Transferred write(Tx tx, long from, long to, long amount, EntryTag tag)
      throws SQLException {
    return write(tx, from, to, amount, tag, true);
  }

  /** As {@link #write(Tx, long, long, long, EntryTag)}; unless {@code spends}, no spend. */
  public static Transferred write(
      Tx tx, long from, long to, long amount, EntryTag tag, boolean spends) throws SQLException {
    Long fromBalance = BalanceWrites.debit(tx, from, amount, tag.against(to), spends);
    Long toBalance = BalanceWrites.credit(tx, to, amount, tag.against(from));
    if (fromBalance == null || toBalance == null) {
      throw new InternalErrorException(
          "locked rows refused a checked transfer " + from + " -> " + to);
    }
    return new Transferred(fromBalance, toBalance);
  }
}
