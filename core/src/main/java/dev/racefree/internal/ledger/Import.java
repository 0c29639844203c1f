package dev.racefree.internal.ledger;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;

import dev.racefree.ImportedPosting;
import dev.racefree.internal.batch.BatchBook;
import dev.racefree.internal.money.Externals;
import dev.racefree.internal.money.LockedRows;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.internal.sql.PostingIds;
import dev.racefree.result.EventTimeRefused;
import dev.racefree.result.ImportRefused;
import dev.racefree.result.ImportResult;
import dev.racefree.result.Imported;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.TransferResult;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Imported history, all or nothing, in one transaction. Every account the postings touch is locked
 * by one {@code SELECT ... ORDER BY id FOR NO KEY UPDATE} (ascending, as multi-leg transfers lock,
 * so imports and transfers never deadlock), then each posting is checked in order against what the
 * ones before it left: its event time not before the account's newest entry's and not after the
 * database's clock, then exactly the checks a live credit, debit or transfer makes. Only when every
 * posting passes are they written, {@value #CHUNK} entries per set-based statement, each at its
 * event time and chained to the account's newest entry; the database's balances must agree with
 * every entry's.
 */
public final class Import {

  /** The most entries one statement writes: its bind values stay well under PostgreSQL's limit. */
  static final int CHUNK = 1_000;

  private Import() {}

  public static ImportResult run(Tx tx, List<ImportedPosting> postings, @Nullable Long keyId) {
    Set<Long> ids = new TreeSet<>();
    Set<Long> externals = new TreeSet<>();
    for (ImportedPosting p : postings) {
      ids.add(p.accountId());
      Long to = p.to();
      if (to != null) {
        ids.add(to);
      }
      Long external = p.posting().external();
      if (external != null) {
        externals.add(external);
      }
    }
    LockedRows rows = LockedRows.lock(tx, ids);
    Map<Long, String> externalCurrency = Externals.currencies(tx, externals);
    Map<Long, @Nullable OffsetDateTime> last = new HashMap<>();
    OffsetDateTime now = lastEventTimes(tx, ids, last);

    List<BatchBook> books = new ArrayList<>();
    BatchBook book = new BatchBook();
    books.add(book);
    int inBook = 0;
    int entries = 0;
    for (int i = 0; i < postings.size(); i++) {
      ImportedPosting p = postings.get(i);
      OffsetDateTime at =
          OffsetDateTime.ofInstant(p.at(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
      long from = p.accountId();
      Long to = p.to();
      if (!rows.exists(from)) {
        return new ImportRefused(i, new NoSuchAccount(from));
      }
      if (to != null && !rows.exists(to)) {
        return new ImportRefused(i, new NoSuchAccount(to));
      }
      EventTimeRefused late = timeRefusal(i, from, at, now, last);
      if (late == null && to != null) {
        late = timeRefusal(i, to, at, now, last);
      }
      if (late != null) {
        return late;
      }
      Long external = p.posting().external();
      if (external != null && !rows.currency(from).equals(externalCurrency.get(external))) {
        throw Externals.notExternalOf(external, rows.currency(from), from);
      }
      TransferResult refused =
          switch (p.kind()) {
            case CREDIT -> rows.creditRefusal(from, p.amount());
            case DEBIT -> rows.debitRefusal(from, p.amount());
            case TRANSFER -> rows.transferRefusal(from, to == null ? from : to, p.amount(), false);
          };
      if (refused != null) {
        return new ImportRefused(i, refused);
      }
      if (inBook + 2 > CHUNK) {
        book = new BatchBook();
        books.add(book);
        inBook = 0;
      }
      switch (p.kind()) {
        case CREDIT ->
            book.entry(
                from,
                p.amount(),
                rows.move(from, p.amount()),
                EntryTag.credit(p.posting()).withKey(keyId),
                at);
        case DEBIT ->
            book.entry(
                from,
                -p.amount(),
                rows.move(from, -p.amount()),
                EntryTag.debit(p.posting()).withKey(keyId),
                at);
        case TRANSFER -> {
          long target = to == null ? from : to;
          EntryTag tag =
              EntryTag.transfer(EntryKind.transfer, PostingIds.next(), p.posting()).withKey(keyId);
          book.entry(from, -p.amount(), rows.move(from, -p.amount()), tag.against(target), at);
          book.entry(target, p.amount(), rows.move(target, p.amount()), tag.against(from), at);
          last.put(target, at);
          inBook++;
          entries++;
        }
      }
      last.put(from, at);
      inBook++;
      entries++;
    }
    for (BatchBook written : books) {
      written.write(tx);
    }
    return new Imported(postings.size(), entries);
  }

  private static @Nullable EventTimeRefused timeRefusal(
      int index,
      long account,
      OffsetDateTime at,
      OffsetDateTime now,
      Map<Long, @Nullable OffsetDateTime> last) {
    OffsetDateTime notBefore = last.get(account);
    if (at.isAfter(now) || (notBefore != null && at.isBefore(notBefore))) {
      return new EventTimeRefused(
          index,
          account,
          at.toInstant(),
          notBefore == null ? null : notBefore.toInstant(),
          now.toInstant());
    }
    return null;
  }

  /**
   * Each locked account's newest event time into {@code last}; returns the database's clock, read
   * once the accounts are locked.
   */
  private static OffsetDateTime lastEventTimes(
      Tx tx, Set<Long> ids, Map<Long, @Nullable OffsetDateTime> last) {
    OffsetDateTime now = tx.dsl().select(DbClock.NOW).fetchSingle().value1();
    tx.dsl()
        .select(ACCOUNTS.ID, ACCOUNTS.LAST_ENTRY_AT)
        .from(ACCOUNTS)
        .where(ACCOUNTS.ID.in(ids))
        .forEach(r -> last.put(r.value1(), r.value2()));
    return now;
  }
}
