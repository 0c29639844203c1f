package dev.racefree;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;

import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.CurrencyMismatch;
import dev.racefree.result.LegRefused;
import dev.racefree.result.LegsResult;
import dev.racefree.result.LegsTransferred;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.SameAccount;
import dev.racefree.result.TransferResult;
import dev.racefree.result.Transferred;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Many legs, all or nothing, in one transaction: every account the legs touch is locked by one
 * {@code SELECT ... WHERE id IN (...) ORDER BY id FOR NO KEY UPDATE} (ascending, so multi-leg
 * transfers never deadlock, cycles included), each leg is checked in order against the balances the
 * legs before it left, and only when all pass are they written, each leg's two entries under one
 * correlation id.
 */
final class MultiLeg {

  private MultiLeg() {}

  static LegsResult run(Tx tx, List<Leg> legs, @Nullable Long keyId) throws SQLException {
    Map<Long, AccountRow> rows = lockAll(tx, legs);
    for (int i = 0; i < legs.size(); i++) {
      Leg leg = legs.get(i);
      TransferResult refused = refusal(tx, rows, leg);
      if (refused != null) {
        return new LegRefused(i, refused);
      }
      rows.put(leg.from(), moved(present(rows, leg.from()), -leg.amount()));
      rows.put(leg.to(), moved(present(rows, leg.to()), leg.amount()));
    }
    UUID correlationId = UUID.randomUUID();
    EntryTag tag = new EntryTag(EntryKind.transfer, correlationId, keyId);
    Map<Long, Long> balances = new HashMap<>();
    for (Leg leg : legs) {
      Transferred written = Transfer.write(tx, leg.from(), leg.to(), leg.amount(), tag);
      balances.put(leg.from(), written.fromBalance());
      balances.put(leg.to(), written.toBalance());
    }
    return new LegsTransferred(correlationId, balances);
  }

  /** The balance each account had right after the legs journaled under {@code correlationId}. */
  static Map<Long, Long> balancesAfter(Tx tx, UUID correlationId) {
    Map<Long, Long> balances = new HashMap<>();
    tx.dsl()
        .select(LEDGER_ENTRIES.ACCOUNT_ID, LEDGER_ENTRIES.BALANCE_AFTER)
        .from(LEDGER_ENTRIES)
        .where(LEDGER_ENTRIES.CORRELATION_ID.eq(correlationId))
        .orderBy(LEDGER_ENTRIES.ID)
        .forEach(r -> balances.put(r.value1(), r.value2())); // the last entry of each wins
    return balances;
  }

  private static @Nullable TransferResult refusal(Tx tx, Map<Long, AccountRow> rows, Leg leg) {
    if (leg.from() == leg.to()) {
      return new SameAccount(leg.from());
    }
    AccountRow from = rows.get(leg.from());
    AccountRow to = rows.get(leg.to());
    if (from == null || to == null) {
      return new NoSuchAccount(from == null ? leg.from() : leg.to());
    }
    if (!from.currency().equals(to.currency())) {
      return new CurrencyMismatch(from.currency(), to.currency());
    }
    if (!from.covers(leg.amount()) && from.held() > 0 && HoldWrites.sweep(tx, from.id()) > 0) {
      AccountRow fresh = AccountRow.read(tx, from.id()).orElseThrow(); // locked: it is there
      from =
          new AccountRow(
              from.id(),
              from.currency(),
              from.balance(),
              fresh.held(),
              from.minBalance(),
              from.maxBalance(),
              from.status());
      rows.put(from.id(), from);
    }
    if (!from.covers(leg.amount())) {
      return from.debitRefusal();
    }
    if (to.status() == AccountStatus.closed) {
      return new AccountClosed(to.id());
    }
    if (!Funds.fits(to.balance(), to.maxBalance(), leg.amount())) {
      if (to.maxBalance() == null) {
        throw AmountOutOfRangeException.overflow(to.id(), to.balance(), leg.amount());
      }
      return new LimitExceeded(to.id(), to.balance(), to.maxBalance());
    }
    return null;
  }

  private static AccountRow present(Map<Long, AccountRow> rows, long id) {
    AccountRow row = rows.get(id);
    if (row == null) {
      throw new InternalErrorException("a checked leg names an account not locked: " + id);
    }
    return row;
  }

  private static AccountRow moved(AccountRow row, long delta) {
    return new AccountRow(
        row.id(),
        row.currency(),
        row.balance() + delta,
        row.held(),
        row.minBalance(),
        row.maxBalance(),
        row.status());
  }

  private static Map<Long, AccountRow> lockAll(Tx tx, List<Leg> legs) {
    TreeSet<Long> ids = new TreeSet<>();
    for (Leg leg : legs) {
      ids.add(leg.from());
      ids.add(leg.to());
    }
    Map<Long, AccountRow> rows = new HashMap<>();
    tx.dsl()
        .select(
            ACCOUNTS.ID,
            ACCOUNTS.CURRENCY,
            ACCOUNTS.BALANCE,
            ACCOUNTS.HELD,
            ACCOUNTS.MIN_BALANCE,
            ACCOUNTS.MAX_BALANCE,
            ACCOUNTS.STATUS)
        .from(ACCOUNTS)
        .where(ACCOUNTS.ID.in(ids))
        .orderBy(ACCOUNTS.ID)
        .forNoKeyUpdate()
        .forEach(r ->
            rows.put(
                r.value1(),
                new AccountRow(
                    r.value1(),
                    r.value2(),
                    r.value3(),
                    r.value4(),
                    r.value5(),
                    r.value6(),
                    r.value7())));
    return rows;
  }
}
