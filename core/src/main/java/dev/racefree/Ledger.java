package dev.racefree;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;

import dev.racefree.exception.DuplicateReferenceException;
import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.UnknownAccountException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.keys.Idempotency;
import dev.racefree.internal.keys.KeyedOperation;
import dev.racefree.internal.ledger.Cursor;
import dev.racefree.internal.ledger.Entries;
import dev.racefree.internal.ledger.Feed;
import dev.racefree.internal.ledger.FeedPosition;
import dev.racefree.internal.ledger.Import;
import dev.racefree.internal.ledger.Queries;
import dev.racefree.internal.ledger.Reversal;
import dev.racefree.internal.runner.Instance;
import dev.racefree.internal.runner.OperationRunner;
import dev.racefree.result.EventTimeRefused;
import dev.racefree.result.ImportRefused;
import dev.racefree.result.ImportResult;
import dev.racefree.result.Imported;
import dev.racefree.result.ReverseResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The append-only journal: an account's entries in a time range, a page at a time, its balance at
 * an instant, queries across accounts, the change feed, reversals and imported history. Each entry
 * is written with its balance change, under the account's row lock, so for one account entry ids
 * and write times rise together.
 */
public final class Ledger {

  /** The largest page {@link #history} and {@link #changes} return. */
  public static final int MAX_PAGE = 1_000;

  /** The most postings one {@link #importPostings} call takes. */
  public static final int MAX_IMPORT = 10_000;

  private final Instance instance;
  private final OperationRunner db;

  Ledger(Instance instance) {
    this.instance = instance;
    this.db = instance.runner();
  }

  /**
   * Writes history from another ledger, as if each posting had happened at its {@link
   * ImportedPosting#at() event time}: all or nothing, in order, at most once per {@code key}.
   *
   * <p>Each posting's time must not be before the newest entry of any account it moves (the
   * postings before it in the call included) nor after the database's clock; then it must pass
   * exactly the checks a live credit, debit or transfer makes at that point (state, bounds,
   * currency), against the balances the postings before it left. The first that does not is the
   * answer, {@link EventTimeRefused} or {@link ImportRefused}, and nothing is written (a repeated
   * unique reference throws {@link DuplicateReferenceException}, and a posting's external account
   * of another currency {@link InvalidArgumentException}, also writing nothing). Otherwise every
   * posting is written with its event time as the entries' time (what {@link #history}, {@link
   * #entries}, {@link #balanceAt} and {@link #totalsAt} follow), chained like every entry, and
   * {@link LedgerEntry#importedAt()} set to the time of the import.
   *
   * <p>A repeat of the same postings under {@code key} returns the first {@link Imported} and
   * writes nothing; other postings under the same key throw {@link IdempotencyConflictException}. A
   * refusal keeps nothing, so the key may be used again once the postings are put right. To move a
   * whole ledger in, import it in event-time order, in calls of up to {@link #MAX_IMPORT}, each
   * under its own key: a call that fails can be retried, and a call that ran is not written twice.
   *
   * @param postings 1 to {@link #MAX_IMPORT}, in the order they happened
   */
  public ImportResult importPostings(List<ImportedPosting> postings, IdempotencyKey key) {
    Check.notNull(postings, "postings");
    if (postings.isEmpty() || postings.size() > MAX_IMPORT) {
      throw new InvalidArgumentException(
          "postings must hold 1 to " + MAX_IMPORT + " postings, held " + postings.size());
    }
    List<ImportedPosting> copy = List.copyOf(Check.noNulls(postings, "postings"));
    Check.notNull(key, "key");
    return Idempotency.run(
        instance,
        "ledger.importPostings",
        key,
        KeyedOperation.imported(copy),
        (tx, stored) -> stored.asImport(),
        (tx, keyId) -> Import.run(tx, copy, keyId));
  }

  /**
   * The account's entries written in {@code [from, to)}, oldest first: at most {@code pageSize},
   * after the entry with id {@code afterId} (0 for the first page; pass the last id of a page to
   * get the next one).
   *
   * @param pageSize 1 to {@link #MAX_PAGE}
   */
  public List<LedgerEntry> history(
      long accountId, Instant from, Instant to, long afterId, int pageSize) {
    Check.id(accountId, "accountId");
    OffsetDateTime start = Check.instant(from, "from");
    OffsetDateTime end = Check.instant(to, "to");
    if (afterId < 0) {
      throw new InvalidArgumentException("afterId must be 0 or an entry id, was " + afterId);
    }
    if (pageSize < 1 || pageSize > MAX_PAGE) {
      throw new InvalidArgumentException(
          "pageSize must be between 1 and " + MAX_PAGE + ", was " + pageSize);
    }
    return db.run(
        "ledger.history",
        tx ->
            tx.dsl()
                .select(Entries.FIELDS)
                .from(LEDGER_ENTRIES)
                .where(LEDGER_ENTRIES.ACCOUNT_ID.eq(accountId))
                .and(LEDGER_ENTRIES.CREATED_AT.ge(start))
                .and(LEDGER_ENTRIES.CREATED_AT.lt(end))
                .and(LEDGER_ENTRIES.ID.gt(afterId))
                .orderBy(LEDGER_ENTRIES.CREATED_AT, LEDGER_ENTRIES.ID)
                .limit(pageSize)
                .fetch(Entries::of));
  }

  /**
   * The balance as of {@code at}: for an internal account, the balance after its last entry whose
   * event time is at or before {@code at}, or 0 when there is none; for an external account, its
   * derived balance from the postings against it by then.
   *
   * @throws UnknownAccountException when no account has this id
   */
  public long balanceAt(long accountId, Instant at) {
    Check.id(accountId, "accountId");
    OffsetDateTime instant = Check.instant(at, "at");
    return db.run(
        "ledger.balanceAt",
        tx ->
            Queries.balanceAt(tx.dsl(), accountId, instant)
                .orElseThrow(() -> new UnknownAccountException(accountId)));
  }

  /** The most account ids one {@link #balances} call reads. */
  public static final int MAX_BALANCES = 1_000;

  /**
   * The first page of the entries {@code query} selects, oldest first (event time, then id). Pass
   * the page's {@link EntryPage#next() cursor} to {@link #entries(EntryQuery, int, String)} for the
   * next one: keyset paging, so each page costs the same however deep, and an entry written while a
   * caller pages appears on a later page when its event time is after the cursor's.
   *
   * @param pageSize 1 to {@link #MAX_PAGE}, the largest page
   */
  public EntryPage entries(EntryQuery query, int pageSize) {
    Check.notNull(query, "query");
    Queries.pageSize(pageSize);
    return db.run("ledger.entries", tx -> Queries.page(tx.dsl(), query, null, pageSize));
  }

  /**
   * The page of {@code query} after {@code cursor}.
   *
   * @param pageSize 1 to {@link #MAX_PAGE}
   * @param cursor a {@link EntryPage#next()} of the same query
   * @throws InvalidArgumentException when {@code cursor} is not one racefree returned for this
   *     query
   */
  public EntryPage entries(EntryQuery query, int pageSize, String cursor) {
    Check.notNull(query, "query");
    Queries.pageSize(pageSize);
    Cursor after = Cursor.decode(Check.notNull(cursor, "cursor"), query);
    return db.run("ledger.entries", tx -> Queries.page(tx.dsl(), query, after, pageSize));
  }

  /**
   * The sides of one posting, in id order (a transfer's two legs, a multi-leg transfer's legs, a
   * deposit's one entry); empty when no entry has this posting id.
   */
  public List<LedgerEntry> posting(UUID postingId) {
    Check.notNull(postingId, "postingId");
    return db.run(
        "ledger.posting", tx -> Queries.postingQuery(tx.dsl(), postingId).fetch(Entries::of));
  }

  /**
   * The current balances of up to {@link #MAX_BALANCES} accounts, in one statement (one snapshot).
   * An external account's balance is derived from the postings against it. Ids that are no
   * account's are listed in {@link Balances#unknown()}; an id given twice is read once.
   *
   * @throws InvalidArgumentException when {@code accountIds} is null, holds a null or an id that is
   *     not positive, or holds more than {@link #MAX_BALANCES}
   */
  public Balances balances(Collection<Long> accountIds) {
    Long[] ids = Queries.ids(accountIds);
    if (ids.length == 0) {
      return new Balances(Map.of(), Set.of());
    }
    return db.run("ledger.balances", tx -> Queries.balances(tx.dsl(), ids));
  }

  /**
   * The books per currency as of {@code at}, in one statement: the total of the internal accounts'
   * {@linkplain #balanceAt balances at} {@code at}, and each external account's derived balance by
   * then. Every posting's sides sum to zero, so each {@link CurrencyTotals#sum()} is 0. Ordered by
   * currency; reads every account, so it is a report, not a hot path.
   */
  public List<CurrencyTotals> totalsAt(Instant at) {
    OffsetDateTime instant = Check.instant(at, "at");
    return db.run("ledger.totalsAt", tx -> Queries.totals(tx.dsl(), instant));
  }

  /**
   * The change feed: at most {@code limit} entries committed after {@code cursor}, and the cursor
   * after them. A consumer that stores each page's {@link ChangePage#next() next} cursor and reads
   * on from it receives every committed entry exactly once, also when transactions commit out of id
   * order: a read returns the entries of the transactions its database snapshot sees and the
   * cursor's did not (see docs/change-feed.md). Each read sees what committed before it.
   *
   * @param limit 1 to {@link #MAX_PAGE}
   */
  public ChangePage changes(ChangeCursor cursor, int limit) {
    FeedPosition at = Check.notNull(cursor, "cursor").position();
    checkLimit(limit);
    return db.run("ledger.changes", tx -> page(Feed.page(tx, at, limit)));
  }

  /**
   * Reads the next page of consumer {@code consumer}'s feed and hands it to {@code handler} in one
   * transaction that stores the consumer's cursor past it (in {@code change_feed_cursors}, created
   * at {@link ChangeCursor#START} on first use): exactly-once processing for what the handler
   * writes through the transaction it is given. The cursor's row stays locked until the transaction
   * ends, so processes sharing a consumer name take turns. Inside a caller's transaction it joins
   * it; the handler is not called for an empty page. Never re-run.
   *
   * @param consumer the consumer's name, 1 to 200 characters
   * @param limit 1 to {@link #MAX_PAGE}
   * @return the page handled
   */
  public ChangePage consume(String consumer, int limit, ChangeConsumer handler) {
    String name = Check.name(consumer, "consumer");
    checkLimit(limit);
    Check.notNull(handler, "handler");
    return db.atomicallyWithoutRetry(
        "ledger.consume",
        tx -> {
          FeedPosition at = Feed.lock(tx, name);
          Feed.Read read = Feed.page(tx, at, limit);
          ChangePage page = page(read);
          if (!page.entries().isEmpty()) {
            handler.accept(page, tx.dsl());
          }
          Feed.store(tx, name, at, read.next());
          return page;
        });
  }

  /**
   * How many entries committed before this call a consumer at {@code cursor} has yet to receive.
   */
  public long pending(ChangeCursor cursor) {
    FeedPosition at = Check.notNull(cursor, "cursor").position();
    return db.run("ledger.pending", tx -> Feed.pending(tx, at));
  }

  private static void checkLimit(int limit) {
    if (limit < 1 || limit > MAX_PAGE) {
      throw new InvalidArgumentException(
          "limit must be between 1 and " + MAX_PAGE + ", was " + limit);
    }
  }

  private static ChangePage page(Feed.Read read) {
    return new ChangePage(read.entries(), new ChangeCursor(read.next()), read.caughtUp());
  }

  /**
   * Reverses a transfer at most once, however many callers race: moves its amount back from its
   * target to its source, journaled as two entries of kind {@code reversal} under a new correlation
   * id. Refused, changing nothing, when the target can not give the money back (funds, bound,
   * frozen or closed) or the source can not take it (maximum, closed).
   *
   * @param correlationId the transfer's, as its ledger entries carry it
   */
  public ReverseResult reverse(UUID correlationId) {
    return reverse(correlationId, Posting.of());
  }

  /** {@link #reverse(UUID)}, the reversal's sides described by {@code posting}. */
  public ReverseResult reverse(UUID correlationId, Posting posting) {
    Check.notNull(correlationId, "correlationId");
    Check.notNull(posting, "posting");
    return db.atomically("ledger.reverse", tx -> Reversal.run(tx, correlationId, posting));
  }
}
