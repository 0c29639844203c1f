package dev.racefree.internal.ledger;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static dev.racefree.internal.schema.Tables.REVERSALS;

import dev.racefree.Posting;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.money.LockedRows;
import dev.racefree.internal.money.Transfer;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.internal.sql.PostingIds;
import dev.racefree.result.AlreadyReversed;
import dev.racefree.result.FundsRefusal;
import dev.racefree.result.LegsReversed;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.ReverseResult;
import dev.racefree.result.Reversed;
import dev.racefree.result.TransferResult;
import dev.racefree.result.Transferred;
import dev.racefree.result.UnknownTransfer;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jooq.Record2;

/**
 * Reverses a transfer, plain or multi-leg, at most once, in one transaction: read its entries, net
 * them per account, and move every account back by its net as legs from the accounts that gained to
 * the accounts that lost; lock all of them in ascending id order and check each leg as a transfer
 * would be checked, then claim the reversal by inserting {@code reversals(correlation_id)}, whose
 * primary key decides every race, and only then write the legs back. A reverser that loses waits on
 * the account locks, then finds the claim committed.
 */
public final class Reversal {

  /** One leg of the way back: {@code amount} from {@code from} to {@code to}. */
  private record Back(long from, long to, long amount) {}

  private Reversal() {}

  public static ReverseResult run(Tx tx, UUID correlationId, Posting posting) throws SQLException {
    List<Record2<Long, Long>> entries =
        tx.dsl()
            .select(LEDGER_ENTRIES.ACCOUNT_ID, LEDGER_ENTRIES.AMOUNT)
            .from(LEDGER_ENTRIES)
            .where(LEDGER_ENTRIES.POSTING_ID.eq(correlationId))
            .and(LEDGER_ENTRIES.CORRELATION_ID.eq(correlationId))
            .and(LEDGER_ENTRIES.KIND.eq(EntryKind.transfer))
            .orderBy(LEDGER_ENTRIES.ID)
            .fetch();
    if (entries.isEmpty()) {
      return new UnknownTransfer(correlationId);
    }
    Map<Long, Long> net = new TreeMap<>(); // ascending ids: the legs back come out in one order
    for (Record2<Long, Long> e : entries) {
      net.merge(e.value1(), e.value2(), Math::addExact);
    }
    List<Back> legs = legsBack(net);
    LockedRows rows = LockedRows.lock(tx, net.keySet());
    for (Back leg : legs) {
      TransferResult refused = rows.transferRefusal(leg.from(), leg.to(), leg.amount(), false);
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
      rows.move(leg.from(), -leg.amount());
      rows.move(leg.to(), leg.amount());
    }
    UUID reversalId = PostingIds.next();
    int claims =
        tx.dsl()
            .insertInto(REVERSALS, REVERSALS.CORRELATION_ID, REVERSALS.REVERSAL_CORRELATION_ID)
            .values(correlationId, reversalId)
            .onConflictDoNothing()
            .execute();
    if (claims == 0) {
      return already(tx, correlationId);
    }
    EntryTag tag = EntryTag.transfer(EntryKind.reversal, reversalId, posting);
    Map<Long, Long> balances = new HashMap<>();
    Transferred last = null;
    for (Back leg : legs) {
      last = Transfer.write(tx, leg.from(), leg.to(), leg.amount(), tag, false); // no spend
      balances.put(leg.from(), last.fromBalance());
      balances.put(leg.to(), last.toBalance());
    }
    if (entries.size() == 2 && legs.size() == 1 && last != null) {
      return new Reversed(reversalId, last.toBalance(), last.fromBalance());
    }
    return new LegsReversed(reversalId, balances);
  }

  /**
   * Legs that give every account back its {@code net} change: from each account that gained (in
   * ascending id order) to each that lost, each leg as large as both still allow.
   */
  private static List<Back> legsBack(Map<Long, Long> net) {
    List<long[]> gained = new ArrayList<>();
    List<long[]> lost = new ArrayList<>();
    net.forEach((id, change) -> {
      if (change > 0) {
        gained.add(new long[] {id, change});
      } else if (change < 0) {
        lost.add(new long[] {id, -change});
      }
    });
    List<Back> legs = new ArrayList<>();
    int g = 0;
    int l = 0;
    while (g < gained.size() && l < lost.size()) {
      long[] from = gained.get(g);
      long[] to = lost.get(l);
      long amount = Math.min(from[1], to[1]);
      legs.add(new Back(from[0], to[0], amount));
      from[1] -= amount;
      to[1] -= amount;
      if (from[1] == 0) {
        g++;
      }
      if (to[1] == 0) {
        l++;
      }
    }
    if (g != gained.size() || l != lost.size()) {
      throw new InternalErrorException("a transfer whose entries do not sum to zero");
    }
    return legs;
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
