package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.CHANGE_FEED_CURSORS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.racefree.ChangeCursor;
import dev.racefree.ChangePage;
import dev.racefree.LedgerEntry;
import dev.racefree.Racefree;
import dev.racefree.exception.InvalidArgumentException;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The change feed delivers every committed entry exactly once, in commit order per account, also
 * when transactions commit out of id order; polling by "id above the last one seen" does not.
 */
@ExtendWith(PostgresExtension.class)
class ChangeFeedTest {

  // A consumer's own tables (schema feed_it), for exactly-once processing in its own transaction.
  static final Table<?> CURSORS = DSL.table(DSL.name("feed_it", "cursors"));
  static final Field<String> NAME = DSL.field(DSL.name("name"), SQLDataType.VARCHAR);
  static final Field<String> CURSOR = DSL.field(DSL.name("cursor"), SQLDataType.VARCHAR);
  static final Table<?> SEEN = DSL.table(DSL.name("feed_it", "seen"));
  static final Field<Long> ENTRY_ID = DSL.field(DSL.name("entry_id"), SQLDataType.BIGINT);

  @Test
  void an_entry_committed_late_with_a_low_id_is_delivered_once_and_id_polling_skips_it(
      Racefree rf, DSLContext dsl, DataSource dataSource) throws Exception {
    long held = rf.accounts().open("held", "EUR");
    long busy = rf.accounts().open("busy", "EUR");
    Feed feed = new Feed(rf, 3); // small pages: the window is paged while commits go on
    NaivePoller naive = new NaivePoller(dsl);

    long lateId;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      // A transaction writes an entry, taking the next id, and stays open.
      DSLContext open = DSL.using(c);
      Racefree.using(open).accounts().credit(held, 1);
      lateId = lastEntryId(open, held);

      // Later transactions take higher ids and commit first; both consumers read them.
      for (int i = 0; i < 10; i++) {
        rf.accounts().credit(busy, 10);
      }
      feed.readPage(); // 3 of the window's 10: the rest of the window is paged below
      for (int i = 0; i < 5; i++) {
        rf.accounts().credit(busy, 10); // commits while the window is paged: the next window's
        feed.readPage();
      }
      feed.readUntilCaughtUp();
      naive.poll();
      assertThat(feed.ids()).hasSize(15).doesNotContain(lateId);
      assertThat(naive.ids()).hasSize(15).doesNotContain(lateId);
      assertThat(naive.lastId).isGreaterThan(lateId);

      c.commit(); // now the low id commits
    }
    rf.accounts().credit(busy, 10);

    feed.readUntilCaughtUp();
    naive.poll();
    List<Long> all = allIds(dsl);
    assertThat(all).hasSize(17).contains(lateId);
    assertThat(feed.ids()).containsExactlyInAnyOrderElementsOf(all); // each once
    assertThat(feed.ids().indexOf(lateId)).isEqualTo(15); // after all that committed before it
    // The control: polling by id moved past the open transaction's id and never sees its entry.
    assertThat(naive.ids()).hasSize(16).doesNotContain(lateId);
    feed.assertBalanceOrder();
  }

  @Test
  void thirty_two_writers_and_consumers_sharing_stored_cursors_deliver_each_entry_once(
      Racefree rf, DSLContext dsl, Admin admin) throws Exception {
    int writers = 32;
    int consumers = 4; // two share consume()'s cursor, two share one in the test's own table
    TestDatabase.requireAtOnce(writers + consumers, "32 writers and 4 consumers");
    createConsumerTables(admin, dsl);
    List<Long> accounts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      accounts.add(rf.accounts().open("owner" + i, "EUR"));
    }
    List<LedgerEntry> viaConsume = new CopyOnWriteArrayList<>();
    List<LedgerEntry> viaOwnTable = new CopyOnWriteArrayList<>();
    CountDownLatch writersLeft = new CountDownLatch(writers);
    Map<Integer, Integer> pages = new ConcurrentHashMap<>();

    Race.run(
        writers + consumers,
        (thread, barrier) -> {
          if (thread < writers) {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            for (int i = 0; i < 40; i++) {
              long a = accounts.get(random.nextInt(accounts.size()));
              long b = accounts.get(random.nextInt(accounts.size()));
              switch (random.nextInt(3)) {
                case 0 -> rf.accounts().credit(a, 1 + random.nextInt(100));
                case 1 -> rf.accounts().debit(a, 1 + random.nextInt(100));
                default -> {
                  if (a != b) {
                    rf.accounts().transfer(a, b, 1 + random.nextInt(100));
                  } else {
                    rf.accounts().credit(a, 1);
                  }
                }
              }
            }
            writersLeft.countDown(); // this writer has committed all it wrote
            return 0;
          }
          boolean shared = thread < writers + 2;
          int n = 0;
          boolean caughtUpAfterWriters = false;
          while (!caughtUpAfterWriters) {
            // Checked before the read: a read that began after every writer ended sees all.
            boolean done = writersLeft.getCount() == 0;
            ChangePage page;
            if (shared) {
              page = rf.ledger().consume("shared", 7, (p, tx) -> viaConsume.addAll(p.entries()));
            } else {
              page = consumeIntoOwnTable(dsl, viaOwnTable);
            }
            n++;
            caughtUpAfterWriters = done && page.caughtUp();
          }
          pages.merge(thread, n, Integer::sum);
          return 0;
        });

    List<Long> all = allIds(dsl);
    assertThat(all).hasSizeGreaterThan(writers * 40 / 2);
    for (List<LedgerEntry> delivered : List.of(viaConsume, viaOwnTable)) {
      assertThat(delivered.stream().map(LedgerEntry::id).toList())
          .containsExactlyInAnyOrderElementsOf(all);
      assertBalanceOrder(delivered);
    }
    assertThat(dsl.select(DSL.count()).from(SEEN).fetchSingle().value1())
        .as("the own-table consumer's writes committed with its cursor, once per entry")
        .isEqualTo(all.size());
    System.out.println(
        "[change-feed] " + all.size() + " entries; pages read per consumer: " + pages);
  }

  @Test
  void a_handler_that_writes_entries_gets_them_in_a_later_page_and_a_failed_one_leaves_the_cursor(
      Racefree rf, DSLContext dsl) {
    long a = rf.accounts().open("alice", "EUR");
    long fees = rf.accounts().open("fees", "EUR");
    rf.accounts().credit(a, 100);
    List<LedgerEntry> delivered = new ArrayList<>();

    // The handler fails: nothing it did stays, and the cursor does not move.
    assertThatThrownBy(() ->
            rf.ledger()
                .consume(
                    "fees",
                    10,
                    (page, tx) -> {
                      Racefree.using(tx).accounts().credit(fees, 1);
                      throw new IllegalStateException("handler failed");
                    }))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("handler failed");
    assertThat(rf.accounts().balance(fees)).isZero();
    assertThat(dsl.fetchCount(CHANGE_FEED_CURSORS)).isZero(); // not even the cursor's row stayed

    // A handler that moves money in reaction: its own entries come in a later page, once.
    // tag::consume[]
    ChangePage first =
        rf.ledger()
            .consume(
                "fees",
                10,
                (page, tx) -> {
                  delivered.addAll(page.entries());
                  for (LedgerEntry e : page.entries()) {
                    if (e.accountId() == a) {
                      Racefree.using(tx).accounts().credit(fees, 1);
                    }
                  }
                });
    // end::consume[]
    assertThat(first.entries()).extracting(LedgerEntry::accountId).containsExactly(a);
    ChangePage second =
        rf.ledger().consume("fees", 10, (page, tx) -> delivered.addAll(page.entries()));
    assertThat(second.entries()).extracting(LedgerEntry::accountId).containsExactly(fees);
    assertThat(second.caughtUp()).isTrue();
    assertThat(
            rf.ledger()
                .consume("fees", 10, (page, tx) -> delivered.addAll(page.entries()))
                .entries())
        .isEmpty();
    assertThat(delivered.stream().map(LedgerEntry::id).toList())
        .containsExactlyInAnyOrderElementsOf(allIds(dsl));
  }

  @Test
  void a_read_inside_a_transaction_that_writes_entries_delivers_them_after_it_commits(
      Racefree rf, DSLContext dsl, DataSource dataSource) throws Exception {
    long a = rf.accounts().open("alice", "EUR");
    long b = rf.accounts().open("bob", "EUR");
    List<LedgerEntry> delivered = new ArrayList<>();
    ChangeCursor cursor;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      Racefree tx = Racefree.using(DSL.using(c));
      tx.accounts().credit(a, 5); // this transaction now has an id
      rf.accounts().credit(b, 7); // a later transaction commits first
      // PostgreSQL leaves a transaction's own id out of its snapshot: taken as it is, the cursor
      // would count this transaction as ended, and the entry written below would be skipped.
      ChangePage inside = tx.ledger().changes(ChangeCursor.START, 10);
      tx.accounts().credit(a, 6);
      assertThat(inside.entries()).extracting(LedgerEntry::accountId).containsExactly(b);
      delivered.addAll(inside.entries());
      cursor = inside.next();
      c.commit();
    }
    ChangePage after = rf.ledger().changes(cursor, 10);
    assertThat(after.entries()).extracting(LedgerEntry::amount).containsExactly(5L, 6L);
    delivered.addAll(after.entries());
    assertThat(delivered.stream().map(LedgerEntry::id).toList())
        .containsExactlyInAnyOrderElementsOf(allIds(dsl));
  }

  @Test
  void pending_counts_what_a_cursor_has_yet_to_receive(Racefree rf, DSLContext dsl) {
    long a = rf.accounts().open("alice", "EUR");
    for (int i = 0; i < 5; i++) {
      rf.accounts().credit(a, 1);
    }
    assertThat(allIds(dsl)).hasSize(5);
    assertThat(rf.ledger().pending(ChangeCursor.START)).isEqualTo(5);
    ChangePage page = rf.ledger().changes(ChangeCursor.START, 2);
    assertThat(page.caughtUp()).isFalse();
    assertThat(rf.ledger().pending(page.next())).isEqualTo(3);
    rf.accounts().credit(a, 1);
    assertThat(rf.ledger().pending(page.next())).isEqualTo(4);
    ChangePage rest = rf.ledger().changes(page.next(), 10);
    assertThat(rest.entries()).hasSize(4);
    assertThat(rest.caughtUp()).isTrue();
    assertThat(rf.ledger().pending(rest.next())).isZero();
  }

  @Test
  void cursors_round_trip_as_text_and_garbage_is_refused_before_any_sql(Racefree rf) {
    long a = rf.accounts().open("alice", "EUR");
    rf.accounts().credit(a, 1);
    rf.accounts().credit(a, 1);
    ChangePage mid = rf.ledger().changes(ChangeCursor.START, 1);
    ChangePage end = rf.ledger().changes(mid.next(), 1);
    for (ChangeCursor c : List.of(ChangeCursor.START, mid.next(), end.next())) {
      assertThat(ChangeCursor.parse(c.toString())).isEqualTo(c);
    }
    assertThat(mid.next().toString()).contains("/");
    assertThat(ChangeCursor.START.toString()).isEqualTo("1:1:");
    for (String garbage :
        List.of(
            "",
            "x",
            "1:1",
            "1:1:1",
            "2:1:",
            "0:1:",
            "01:1:",
            "+1:2:",
            "-1:2:",
            "1:5:3,2",
            "1:5:2,2",
            "1:5:5",
            "99999999999999999999:1:",
            "1:2:/1:2:/0",
            "1:2:/1:1:/3",
            "3:9:/1:9:4/3",
            "1:2:/1:3:",
            "1:2:/1:3:/x",
            "1:2:\n",
            " 1:2:")) {
      assertThatThrownBy(() -> ChangeCursor.parse(garbage))
          .as(garbage)
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageStartingWith("text ");
    }
    assertThatThrownBy(() -> ChangeCursor.parse(null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("text");
    assertThatThrownBy(() -> rf.ledger().changes(null, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("cursor");
    for (int limit : new int[] {0, -1, 1001}) {
      assertThatThrownBy(() -> rf.ledger().changes(ChangeCursor.START, limit))
          .isInstanceOf(InvalidArgumentException.class)
          .hasMessageContaining("limit");
    }
    assertThatThrownBy(() -> rf.ledger().consume(" ", 1, (p, tx) -> {}))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("consumer");
    assertThatThrownBy(() -> rf.ledger().consume("c", 1, null))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("handler");
    // A cursor well formed but ahead of this database was read from another one.
    ChangeCursor foreign = ChangeCursor.parse("9000000000:9000000000:");
    assertThatThrownBy(() -> rf.ledger().changes(foreign, 1))
        .isInstanceOf(InvalidArgumentException.class)
        .hasMessageContaining("not read from this database");
  }

  /** A consumer that keeps its cursor in memory and remembers the order of what it got. */
  static final class Feed {
    final Racefree rf;
    final int limit;
    ChangeCursor cursor = ChangeCursor.START;
    final List<LedgerEntry> delivered = new ArrayList<>();

    Feed(Racefree rf, int limit) {
      this.rf = rf;
      this.limit = limit;
    }

    ChangePage readPage() {
      // tag::changes[]
      ChangePage page = rf.ledger().changes(cursor, limit); // cursor: ChangeCursor.START at first
      delivered.addAll(page.entries()); // handle them
      cursor = page.next(); // keep it; page.next().toString() to store it as text
      // end::changes[]
      return page;
    }

    void readUntilCaughtUp() {
      while (!readPage().caughtUp()) {
        // read on
      }
    }

    List<Long> ids() {
      return delivered.stream().map(LedgerEntry::id).toList();
    }

    void assertBalanceOrder() {
      ChangeFeedTest.assertBalanceOrder(delivered);
    }
  }

  /** The trap: remember the highest id seen, ask for ids above it. */
  static final class NaivePoller {
    final DSLContext dsl;
    long lastId;
    final List<Long> seen = new ArrayList<>();

    NaivePoller(DSLContext dsl) {
      this.dsl = dsl;
    }

    void poll() {
      List<Long> ids =
          dsl.select(LEDGER_ENTRIES.ID)
              .from(LEDGER_ENTRIES)
              .where(LEDGER_ENTRIES.ID.gt(lastId))
              .orderBy(LEDGER_ENTRIES.ID)
              .fetch(LEDGER_ENTRIES.ID);
      seen.addAll(ids);
      if (!ids.isEmpty()) {
        lastId = ids.get(ids.size() - 1);
      }
    }

    List<Long> ids() {
      return seen;
    }
  }

  /** Per account, each delivered entry starts from the balance the one delivered before left. */
  static void assertBalanceOrder(List<LedgerEntry> delivered) {
    Map<Long, LedgerEntry> last = new HashMap<>();
    for (LedgerEntry e : delivered) {
      LedgerEntry before = last.put(e.accountId(), e);
      long previousBalance = before == null ? 0 : before.balanceAfter();
      assertThat(e.balanceAfter() - e.amount())
          .as("entry %d of account %d follows entry %s", e.id(), e.accountId(), before)
          .isEqualTo(previousBalance);
      if (before != null) {
        assertThat(e.id()).isGreaterThan(before.id());
      }
    }
  }

  static List<Long> allIds(DSLContext dsl) {
    return dsl.select(LEDGER_ENTRIES.ID).from(LEDGER_ENTRIES).fetch(LEDGER_ENTRIES.ID);
  }

  static long lastEntryId(DSLContext dsl, long account) {
    return dsl.select(DSL.max(LEDGER_ENTRIES.ID))
        .from(LEDGER_ENTRIES)
        .where(LEDGER_ENTRIES.ACCOUNT_ID.eq(account))
        .fetchSingle()
        .value1();
  }

  /** The consumer's own tables, owned by the admin, usable by the tests' role. */
  static void createConsumerTables(Admin admin, DSLContext app) {
    String role = app.fetchValue(DSL.currentUser());
    DSLContext owner = admin.dsl();
    owner.dropSchemaIfExists("feed_it").cascade().execute();
    owner.createSchema("feed_it").execute();
    owner.createTable(CURSORS).column(NAME).column(CURSOR).primaryKey(NAME).execute();
    owner.createTable(SEEN).column(ENTRY_ID).primaryKey(ENTRY_ID).execute();
    owner.execute("grant usage on schema {0} to {1}", DSL.name("feed_it"), DSL.name(role));
    owner.grant(DSL.privilege("all")).on(CURSORS).to(DSL.role(role)).execute();
    owner.grant(DSL.privilege("all")).on(SEEN).to(DSL.role(role)).execute();
    app.insertInto(CURSORS)
        .set(NAME, "projection")
        .set(CURSOR, ChangeCursor.START.toString())
        .execute();
  }

  /**
   * A consumer that keeps its cursor in a table of its own: lock it, read the page, write what it
   * makes of the page and the new cursor, commit, all in one transaction.
   */
  static ChangePage consumeIntoOwnTable(DSLContext dsl, List<LedgerEntry> delivered) {
    // tag::own-table[]
    return dsl.transactionResult(cfg -> {
      DSLContext tx = cfg.dsl();
      String stored =
          tx.select(CURSOR)
              .from(CURSORS)
              .where(NAME.eq("projection"))
              .forUpdate()
              .fetchSingle(CURSOR);
      ChangePage page = Racefree.using(tx).ledger().changes(ChangeCursor.parse(stored), 5);
      for (LedgerEntry e : page.entries()) {
        tx.insertInto(SEEN).set(ENTRY_ID, e.id()).execute(); // a duplicate would fail the key
      }
      tx.update(CURSORS).set(CURSOR, page.next().toString()).where(NAME.eq("projection")).execute();
      delivered.addAll(page.entries()); // under the row lock: in delivery order
      return page;
    });
    // end::own-table[]
  }
}
