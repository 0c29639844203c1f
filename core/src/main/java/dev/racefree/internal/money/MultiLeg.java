package dev.racefree.internal.money;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;

import dev.racefree.Leg;
import dev.racefree.Posting;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.internal.sql.PostingIds;
import dev.racefree.result.LegRefused;
import dev.racefree.result.LegsResult;
import dev.racefree.result.LegsTransferred;
import dev.racefree.result.TransferResult;
import dev.racefree.result.Transferred;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Many legs, all or nothing, in one transaction: every account the legs touch is locked by one
 * {@code SELECT ... WHERE id IN (...) ORDER BY id FOR NO KEY UPDATE} (ascending, so multi-leg
 * transfers never deadlock, cycles included), each leg is checked in order against the balances the
 * legs before it left, and only when all pass are they written, each leg's two entries under one
 * correlation id.
 */
public final class MultiLeg {

  private MultiLeg() {}

  public static LegsResult run(Tx tx, List<Leg> legs, Posting posting, @Nullable Long keyId)
      throws SQLException {
    List<Long> ids = new ArrayList<>();
    for (Leg leg : legs) {
      ids.add(leg.from());
      ids.add(leg.to());
    }
    LockedRows rows = LockedRows.lock(tx, ids);
    for (int i = 0; i < legs.size(); i++) {
      Leg leg = legs.get(i);
      TransferResult refused = rows.transferRefusal(leg.from(), leg.to(), leg.amount());
      if (refused != null) {
        return new LegRefused(i, refused);
      }
      rows.spent(leg.from(), leg.amount());
      rows.move(leg.from(), -leg.amount());
      rows.move(leg.to(), leg.amount());
    }
    UUID correlationId = PostingIds.next();
    EntryTag tag = EntryTag.transfer(EntryKind.transfer, correlationId, posting).withKey(keyId);
    Map<Long, Long> balances = new HashMap<>();
    for (Leg leg : legs) {
      Transferred written = Transfer.write(tx, leg.from(), leg.to(), leg.amount(), tag);
      balances.put(leg.from(), written.fromBalance());
      balances.put(leg.to(), written.toBalance());
    }
    return new LegsTransferred(correlationId, balances);
  }

  /** The balance each account had right after the legs journaled under {@code correlationId}. */
  public static Map<Long, Long> balancesAfter(Tx tx, UUID correlationId) {
    Map<Long, Long> balances = new HashMap<>();
    tx.dsl()
        .select(LEDGER_ENTRIES.ACCOUNT_ID, LEDGER_ENTRIES.BALANCE_AFTER)
        .from(LEDGER_ENTRIES)
        .where(LEDGER_ENTRIES.POSTING_ID.eq(correlationId))
        .orderBy(LEDGER_ENTRIES.ID)
        .forEach(r -> balances.put(r.value1(), r.value2())); // the last entry of each wins
    return balances;
  }
}
