package dev.racefree.internal.batch;

import static dev.racefree.internal.schema.Tables.HOLDS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.row;

import dev.racefree.Posting;
import dev.racefree.exception.DuplicateReferenceException;
import dev.racefree.internal.holds.HoldPostings;
import dev.racefree.internal.money.Externals;
import dev.racefree.internal.money.LockedRows;
import dev.racefree.internal.runner.Tx;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jooq.Row2;

/**
 * What a batch's postings are checked against, as the single operations check them: the external
 * accounts they name (their currencies), and the unique references already taken on the batch's
 * accounts, by entries and by active holds, read once the batch holds every account's row lock.
 * Every statement that writes an entry or opens a hold takes that lock first, so nothing can take
 * one of these references before the batch commits but the batch itself, whose requests take them
 * in arrival order ({@link #takeForEntries}, {@link #takeForHold}). A request that repeats one,
 * against the journal or an earlier request of the batch, fails alone with {@link
 * DuplicateReferenceException} before it changes anything, as it would alone; the other requests go
 * on, so no savepoint and no retry is needed.
 */
final class BatchPostings {

  private record Taken(long account, String reference) {}

  private final Map<Long, String> externals;
  private final Set<Taken> byEntries;
  private final Set<Taken> byHolds;

  private BatchPostings(Map<Long, String> externals, Set<Taken> byEntries, Set<Taken> byHolds) {
    this.externals = externals;
    this.byEntries = byEntries;
    this.byHolds = byHolds;
  }

  /** Nothing to check: a batch whose postings name no external account and no unique reference. */
  static BatchPostings none() {
    return new BatchPostings(Map.of(), new HashSet<>(), new HashSet<>());
  }

  /**
   * Reads what {@code requests} need checked: at most two statements, and none when no posting
   * names an external account or a unique reference. The batch's accounts must be locked.
   */
  static BatchPostings read(Tx tx, List<BatchRequest<?>> requests) {
    Set<Long> named = new TreeSet<>();
    Set<Taken> asked = new HashSet<>();
    for (BatchRequest<?> r : requests) {
      Posting p = r.posting();
      if (p.external() != null) {
        named.add(p.external());
      }
      String reference = p.reference();
      if (p.uniqueReference() && reference != null) {
        r.referencing().forEach(a -> asked.add(new Taken(a, reference)));
      }
    }
    if (named.isEmpty() && asked.isEmpty()) {
      return none();
    }
    Set<Taken> byEntries = new HashSet<>();
    Set<Taken> byHolds = new HashSet<>();
    if (!asked.isEmpty()) {
      List<Row2<Long, String>> pairs = new ArrayList<>();
      asked.forEach(t -> pairs.add(row(t.account(), t.reference())));
      tx.dsl()
          .select(LEDGER_ENTRIES.ACCOUNT_ID, LEDGER_ENTRIES.REFERENCE)
          .from(LEDGER_ENTRIES)
          .where(row(LEDGER_ENTRIES.ACCOUNT_ID, LEDGER_ENTRIES.REFERENCE).in(pairs))
          .and(condition(LEDGER_ENTRIES.UNIQUE_REFERENCE))
          .forEach(e -> byEntries.add(new Taken(e.value1(), e.value2())));
      tx.dsl()
          .select(HOLDS.ACCOUNT_ID, HOLDS.REFERENCE)
          .from(HOLDS)
          .where(row(HOLDS.ACCOUNT_ID, HOLDS.REFERENCE).in(pairs))
          .and(HoldPostings.reservedBy(null))
          .forEach(h -> byHolds.add(new Taken(h.value1(), h.value2())));
    }
    return new BatchPostings(Externals.currencies(tx, named), byEntries, byHolds);
  }

  /**
   * Refuses, as the single operation does, a posting on {@code accountId} (locked) that names an
   * account that is not an external account of its currency.
   */
  void requireExternal(Posting posting, long accountId, LockedRows rows) {
    Long external = posting.external();
    if (external == null) {
      return;
    }
    String currency = rows.currency(accountId);
    if (!currency.equals(externals.get(external))) {
      throw Externals.notExternalOf(external, currency, accountId);
    }
  }

  /**
   * Takes the posting's unique reference on each of {@code accounts}, whose entries the request
   * writes; refuses, taking none, when an entry of one of them already carries it (an active hold's
   * reservation does not stop an entry, as alone).
   */
  void takeForEntries(Posting posting, long... accounts) {
    String reference = posting.reference();
    if (!posting.uniqueReference() || reference == null) {
      return;
    }
    for (long a : accounts) {
      if (byEntries.contains(new Taken(a, reference))) {
        throw new DuplicateReferenceException(a, reference);
      }
    }
    for (long a : accounts) {
      byEntries.add(new Taken(a, reference));
    }
  }

  /**
   * Reserves the posting's unique reference for a hold on {@code account}; refuses when an entry or
   * an active hold of the account carries it.
   */
  void takeForHold(Posting posting, long account) {
    String reference = posting.reference();
    if (!posting.uniqueReference() || reference == null) {
      return;
    }
    Taken taken = new Taken(account, reference);
    if (byEntries.contains(taken) || byHolds.contains(taken)) {
      throw new DuplicateReferenceException(account, reference);
    }
    byHolds.add(taken);
  }
}
