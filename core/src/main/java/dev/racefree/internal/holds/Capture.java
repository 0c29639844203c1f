package dev.racefree.internal.holds;

import static dev.racefree.internal.schema.Tables.HOLDS;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.money.BalanceWrites;
import dev.racefree.internal.money.LockedRows;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.internal.schema.enums.HoldState;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.result.AboveHold;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.CaptureResult;
import dev.racefree.result.Captured;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.TransferResult;
import java.sql.SQLException;
import java.util.List;
import java.util.UUID;
import org.jooq.Record2;

/**
 * A capture, in one transaction. A plain hold: one statement ends it and takes the money. A held
 * transfer: both accounts are locked first, in ascending id order as every transfer locks them, the
 * target is checked (closed, maximum), then the hold ends and its money is journaled and credited
 * to the target under one correlation id.
 */
public final class Capture {

  private Capture() {}

  public static CaptureResult run(Tx tx, long holdId, long amount) throws SQLException {
    Record2<Long, Long> ends =
        tx.dsl()
            .select(HOLDS.ACCOUNT_ID, HOLDS.TARGET_ACCOUNT_ID)
            .from(HOLDS)
            .where(HOLDS.ID.eq(holdId))
            .fetchOne();
    Long target = ends == null ? null : ends.value2();
    UUID transfer = null;
    if (target != null) {
      long source = ends.value1();
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
      transfer = UUID.randomUUID();
    }
    Long balance = HoldWrites.end(tx, holdId, HoldState.captured, amount, transfer);
    if (balance != null) {
      if (target != null
          && BalanceWrites.credit(
                  tx, target, amount, new EntryTag(EntryKind.transfer, transfer, null))
              == null) {
        throw new InternalErrorException("the locked target " + target + " refused a capture");
      }
      return new Captured(amount, balance);
    }
    HoldRow row = HoldRow.read(tx, holdId).orElse(null);
    if (row != null && row.state() == HoldState.active && !row.expired()) {
      if (row.amount() < amount) {
        return new AboveHold(holdId, row.amount());
      }
      throw new InternalErrorException("an active hold " + holdId + " refused its capture");
    }
    return HoldEnds.ended(tx, holdId, row);
  }
}
