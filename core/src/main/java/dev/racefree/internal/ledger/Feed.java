package dev.racefree.internal.ledger;

import static dev.racefree.internal.schema.Tables.CHANGE_FEED_CURSORS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.systemName;

import dev.racefree.LedgerEntry;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.sql.DbClock;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record2;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * The change feed: the entries of the transactions a new snapshot sees and the consumer's last one
 * did not, by id. Snapshots are read with {@code pg_current_snapshot()} and kept in the cursor; the
 * reads filter on the entry's writing transaction ({@code xact}) with the snapshots' bounds and
 * lists as bind values, so they use the {@code (xact, id)} index: the transactions that began after
 * the last snapshot, and those in progress when it was taken.
 */
public final class Feed {

  private static final Field<String> SNAPSHOT =
      function(systemName("pg_current_snapshot"), SQLDataType.OTHER).cast(SQLDataType.VARCHAR);
  private static final Field<String> OWN_XID =
      function(systemName("pg_current_xact_id_if_assigned"), SQLDataType.OTHER)
          .cast(SQLDataType.VARCHAR);

  private Feed() {}

  /** A page and the position after it; {@code caughtUp} when nothing the read saw remains. */
  public record Read(List<LedgerEntry> entries, FeedPosition next, boolean caughtUp) {

    public Read {
      entries = List.copyOf(entries);
    }
  }

  /** At most {@code limit} entries after {@code at}, and where the next read starts. */
  public static Read page(Tx tx, FeedPosition at, int limit) {
    List<LedgerEntry> entries = new ArrayList<>(limit);
    if (!at.caughtUp()) {
      // The rest of the window being paged: its transactions had all ended, so these rows are
      // final, whatever the snapshot of this statement.
      List<LedgerEntry> rest =
          entries(
              tx,
              at.delivered()
                  .seesNot(LEDGER_ENTRIES.XACT)
                  .and(at.window().sees(LEDGER_ENTRIES.XACT))
                  .and(LEDGER_ENTRIES.ID.gt(at.afterId())),
              limit + 1);
      if (rest.size() > limit) {
        List<LedgerEntry> page = rest.subList(0, limit);
        return new Read(
            page, new FeedPosition(at.delivered(), at.window(), last(page).id()), false);
      }
      entries.addAll(rest);
      if (entries.size() == limit) {
        return new Read(entries, new FeedPosition(at.window(), at.window(), 0), false);
      }
    }
    Snapshot now = current(tx);
    Snapshot window = at.window();
    if (!window.within(now)) {
      throw new InvalidArgumentException(
          "cursor was not read from this database: it sees transactions this database has not"
              + " ended");
    }
    int room = limit - entries.size();
    List<LedgerEntry> fresh =
        entries(
            tx, window.seesNot(LEDGER_ENTRIES.XACT).and(now.sees(LEDGER_ENTRIES.XACT)), room + 1);
    if (fresh.size() > room) {
      List<LedgerEntry> page = fresh.subList(0, room);
      entries.addAll(page);
      return new Read(
          entries, new FeedPosition(window, now, page.isEmpty() ? 0 : last(page).id()), false);
    }
    entries.addAll(fresh);
    return new Read(entries, new FeedPosition(now, now, 0), true);
  }

  /** The entries committed before now that a consumer at {@code at} has yet to receive. */
  public static long pending(Tx tx, FeedPosition at) {
    Snapshot now = current(tx);
    if (!at.window().within(now)) {
      throw new InvalidArgumentException(
          "cursor was not read from this database: it sees transactions this database has not"
              + " ended");
    }
    Condition rest =
        at.caughtUp()
            ? at.window().seesNot(LEDGER_ENTRIES.XACT)
            : at.window().seesNot(LEDGER_ENTRIES.XACT).or(LEDGER_ENTRIES.ID.gt(at.afterId()));
    return tx.dsl()
        .fetchCount(
            LEDGER_ENTRIES,
            at.delivered()
                .seesNot(LEDGER_ENTRIES.XACT)
                .and(now.sees(LEDGER_ENTRIES.XACT))
                .and(rest));
  }

  /** A position where only entries of transactions that end after this call will arrive. */
  public static FeedPosition now(Tx tx) {
    Snapshot now = current(tx);
    return new FeedPosition(now, now, 0);
  }

  /**
   * The consumer's stored position, its row locked until the transaction ends (created at {@link
   * FeedPosition#START} when it has none).
   */
  public static FeedPosition lock(Tx tx, String consumer) {
    tx.dsl()
        .insertInto(CHANGE_FEED_CURSORS)
        .set(CHANGE_FEED_CURSORS.CONSUMER, consumer)
        .set(CHANGE_FEED_CURSORS.FEED_CURSOR, FeedPosition.START.toString())
        .onConflictDoNothing()
        .execute();
    String stored =
        tx.dsl()
            .select(CHANGE_FEED_CURSORS.FEED_CURSOR)
            .from(CHANGE_FEED_CURSORS)
            .where(CHANGE_FEED_CURSORS.CONSUMER.eq(consumer))
            .forUpdate()
            .fetchSingle(CHANGE_FEED_CURSORS.FEED_CURSOR);
    return FeedPosition.parse(stored, "the stored cursor of consumer " + consumer);
  }

  /** Stores the consumer's position, on the row {@link #lock} locked. */
  public static void store(Tx tx, String consumer, FeedPosition was, FeedPosition next) {
    if (next.equals(was)) {
      return;
    }
    tx.dsl()
        .update(CHANGE_FEED_CURSORS)
        .set(CHANGE_FEED_CURSORS.FEED_CURSOR, next.toString())
        .set(CHANGE_FEED_CURSORS.UPDATED_AT, DbClock.NOW)
        .where(CHANGE_FEED_CURSORS.CONSUMER.eq(consumer))
        .execute();
  }

  /**
   * The snapshot of this read as other sessions see it: {@code pg_current_snapshot()}, with the
   * reading transaction's own id (if it has one) in progress.
   */
  private static Snapshot current(Tx tx) {
    Record2<String, String> r = tx.dsl().select(SNAPSHOT, OWN_XID).fetchSingle();
    Snapshot now = Snapshot.parse(nonNull(r.value1()), "the database's snapshot");
    @Nullable String own = r.value2();
    return own == null ? now : now.withInProgress(Snapshot.number(own, "the transaction's id"));
  }

  private static String nonNull(@Nullable String s) {
    if (s == null) {
      throw new InternalErrorException("pg_current_snapshot() returned NULL");
    }
    return s;
  }

  private static List<LedgerEntry> entries(Tx tx, Condition where, int limit) {
    return tx.dsl()
        .select(Entries.FIELDS)
        .from(LEDGER_ENTRIES)
        .where(where)
        .orderBy(LEDGER_ENTRIES.ID)
        .limit(limit)
        .fetch(Entries::of);
  }

  private static LedgerEntry last(List<LedgerEntry> page) {
    return page.get(page.size() - 1);
  }
}
