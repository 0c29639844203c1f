package dev.racefree.internal.ledger;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static dev.racefree.internal.schema.Tables.REVERSALS;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.money.Transfer;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.result.AlreadyReversed;
import dev.racefree.result.FundsRefusal;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.ReverseResult;
import dev.racefree.result.Reversed;
import dev.racefree.result.TransferResult;
import dev.racefree.result.Transferred;
import dev.racefree.result.UnknownTransfer;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jooq.Record2;

/**
 * Reverses a transfer at most once, in one transaction: read its two legs, lock both accounts in
 * ascending id order and check the money can go back (as a transfer from target to source would),
 * then claim the reversal by inserting {@code reversals(correlation_id)}, whose primary key decides
 * every race, and only then write the two legs back. A reverser that loses waits on the account
 * locks, then finds the claim committed.
 */
public final class Reversal {

  private Reversal() {}

  public static ReverseResult run(Tx tx, UUID correlationId) throws SQLException {
    List<Record2<Long, Long>> legs =
        tx.dsl()
            .select(LEDGER_ENTRIES.ACCOUNT_ID, LEDGER_ENTRIES.AMOUNT)
            .from(LEDGER_ENTRIES)
            .where(LEDGER_ENTRIES.CORRELATION_ID.eq(correlationId))
            .and(LEDGER_ENTRIES.KIND.eq(EntryKind.transfer))
            .fetch();
    if (legs.isEmpty()) {
      return new UnknownTransfer(correlationId);
    }
    if (legs.size() != 2 || legs.get(0).value2() != -legs.get(1).value2()) {
      throw new InternalErrorException("transfer " + correlationId + " does not have two legs");
    }
    boolean firstIsSource = legs.get(0).value2() < 0;
    long source = legs.get(firstIsSource ? 0 : 1).value1();
    long target = legs.get(firstIsSource ? 1 : 0).value1();
    long amount = legs.get(firstIsSource ? 1 : 0).value2();
    TransferResult refused = Transfer.check(tx, target, source, amount);
    switch (refused) {
      case null -> {}
      case FundsRefusal f -> {
        return claimed(tx, correlationId) ? f : already(tx, correlationId);
      }
      case LimitExceeded l -> {
        return claimed(tx, correlationId) ? l : already(tx, correlationId);
      }
      default -> throw new InternalErrorException("reversing " + correlationId + ": " + refused);
    }
    UUID reversalId = UUID.randomUUID();
    int claims =
        tx.dsl()
            .insertInto(REVERSALS, REVERSALS.CORRELATION_ID, REVERSALS.REVERSAL_CORRELATION_ID)
            .values(correlationId, reversalId)
            .onConflictDoNothing()
            .execute();
    if (claims == 0) {
      return already(tx, correlationId);
    }
    Transferred back =
        Transfer.write(
            tx, target, source, amount, new EntryTag(EntryKind.reversal, reversalId, null));
    return new Reversed(reversalId, back.toBalance(), back.fromBalance());
  }

  /** Whether nobody has reversed the transfer yet (a refusal is only the answer then). */
  private static boolean claimed(Tx tx, UUID correlationId) {
    return !tx.dsl().fetchExists(REVERSALS, REVERSALS.CORRELATION_ID.eq(correlationId));
  }

  private static AlreadyReversed already(Tx tx, UUID correlationId) {
    return new AlreadyReversed(
        correlationId,
        tx.dsl()
            .select(REVERSALS.REVERSAL_CORRELATION_ID)
            .from(REVERSALS)
            .where(REVERSALS.CORRELATION_ID.eq(correlationId))
            .fetchSingle(REVERSALS.REVERSAL_CORRELATION_ID));
  }
}
