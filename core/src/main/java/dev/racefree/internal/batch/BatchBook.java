package dev.racefree.internal.batch;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.val;

import dev.racefree.Posting;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.money.Velocity;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.internal.sql.LedgerInsert;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.CommonTableExpression;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record6;
import org.jooq.Row6;
import org.jooq.RowN;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * What a batch changed, booked in memory as its requests are applied, then written by one set-based
 * statement: {@code WITH u AS (UPDATE accounts ... FROM (VALUES ...) RETURNING ...), l AS (INSERT
 * INTO ledger_entries VALUES ..., ...) SELECT ... FROM u}, which moves each account by the sum of
 * its changes and returns the balance the database computed, which must be the balance the last
 * booked entry says, and writes every ledger entry.
 */
public final class BatchBook {

  private record Entry(
      long accountId, long amount, long balanceAfter, EntryTag tag, @Nullable OffsetDateTime at) {}

  private final List<Entry> entries = new ArrayList<>();
  // id -> {balance delta, changes, balance after, held delta}
  private final Map<Long, long[]> accounts = new TreeMap<>();
  // id -> {amount spent, spends}: counted in the account's velocity limits
  private final Map<Long, long[]> spends = new TreeMap<>();
  private final BatchHoldWrites holds = new BatchHoldWrites();
  private @Nullable OffsetDateTime clock;
  private BatchPostings postings = BatchPostings.none();

  /** The database's clock for this batch, read when it opens holds. */
  public void clock(OffsetDateTime now) {
    this.clock = now;
  }

  public OffsetDateTime clock() {
    if (clock == null) {
      throw new InternalErrorException("a batch with holds did not read the database's clock");
    }
    return clock;
  }

  /** What the batch's postings are checked against, read under its row locks. */
  void postings(BatchPostings read) {
    this.postings = read;
  }

  BatchPostings postings() {
    return postings;
  }

  public void entry(long accountId, long amount, long balanceAfter, EntryTag tag) {
    entry(accountId, amount, balanceAfter, tag, null);
  }

  /**
   * An entry at the event time {@code at} (an imported one, stamped imported when written), or at
   * the account's entry time when {@code null}. For one account, event times must not fall.
   */
  public void entry(
      long accountId, long amount, long balanceAfter, EntryTag tag, @Nullable OffsetDateTime at) {
    entries.add(new Entry(accountId, amount, balanceAfter, tag, at));
    long[] change = accounts.computeIfAbsent(accountId, id -> new long[4]);
    change[0] = Math.addExact(change[0], amount);
    change[1]++;
    change[2] = balanceAfter;
  }

  /**
   * A spend of {@code amount} (a debit, hold or outgoing transfer this batch also books), counted
   * in the account's velocity limits when the batch is written.
   */
  public void spent(long accountId, long amount) {
    long[] spend = spends.computeIfAbsent(accountId, id -> new long[2]);
    spend[0] = Math.addExact(spend[0], amount);
    spend[1]++;
  }

  /** A hold opened on an account at {@code balance}; its id is known once written. */
  public BatchHoldWrites.Slot hold(
      long accountId,
      long balance,
      @Nullable Long target,
      long amount,
      OffsetDateTime expiresAt,
      Posting posting) {
    long[] change = accounts.computeIfAbsent(accountId, id -> new long[4]);
    change[1]++;
    change[2] = balance;
    change[3] = Math.addExact(change[3], amount);
    return holds.add(accountId, target, amount, expiresAt, posting);
  }

  /**
   * {@code e}: every booked entry with its account's time and its link, {@code entry_chain(chain,
   * ...) OVER (PARTITION BY account ORDER BY seq)} from the account's head as this transaction
   * locked it, and whether it is the account's last in the batch (whose link is the new head). With
   * no entries, one row that matches no account.
   */
  private CommonTableExpression<?> chainedEntries() {
    List<RowN> rows = new ArrayList<>();
    Map<Long, Integer> lastOf = new TreeMap<>();
    for (int i = 0; i < entries.size(); i++) {
      lastOf.put(entries.get(i).accountId(), i);
    }
    for (int i = 0; i < entries.size(); i++) {
      Entry en = entries.get(i);
      EntryTag t = en.tag();
      rows.add(
          bookRow(
              i,
              en.accountId(),
              en.amount(),
              en.balanceAfter(),
              lastOf.getOrDefault(en.accountId(), -1) == i,
              en.at(),
              t));
    }
    if (rows.isEmpty()) {
      rows.add(bookRow(-1, 0L, 0L, 0L, false, null, EntryTag.debit(Posting.of())));
    }
    return LedgerInsert.chainedRows(DSL.values(rows.toArray(RowN[]::new)));
  }

  private static RowN bookRow(
      int seq,
      long account,
      long amount,
      long balanceAfter,
      boolean last,
      @Nullable OffsetDateTime at,
      EntryTag tag) {
    List<Field<?>> fields =
        new ArrayList<>(List.of(val(seq), val(account), val(amount), val(balanceAfter), val(last)));
    fields.add(val(at, SQLDataType.TIMESTAMPWITHTIMEZONE));
    fields.addAll(LedgerInsert.Described.of(tag).asList());
    return row(fields);
  }

  /** Writes the balances, holds and entries; checks the database agrees on every balance. */
  public void write(Tx tx) {
    if (accounts.isEmpty()) {
      return;
    }
    List<Row6<Long, Long, Long, Long, Long, Long>> changes = new ArrayList<>();
    accounts.forEach((id, c) -> {
      long[] spend = spends.get(id);
      changes.add(
          row(
              val(id),
              val(c[0]),
              val(c[1]),
              val(c[3]),
              val(spend == null ? null : spend[0], SQLDataType.BIGINT),
              val(spend == null ? 0L : spend[1])));
    });
    @SuppressWarnings({"unchecked", "rawtypes"}) // one row type for all rows
    Row6<Long, Long, Long, Long, Long, Long>[] rows = changes.toArray(new Row6[0]);
    Table<Record6<Long, Long, Long, Long, Long, Long>> v =
        DSL.values(rows).as("v", "id", "delta", "n", "held", "spent", "spends");
    Field<Long> id = field(name("v", "id"), SQLDataType.BIGINT);
    Field<Long> delta = field(name("v", "delta"), SQLDataType.BIGINT);
    Field<Long> n = field(name("v", "n"), SQLDataType.BIGINT);
    Field<Long> held = field(name("v", "held"), SQLDataType.BIGINT);
    Field<Long> spent = field(name("v", "spent"), SQLDataType.BIGINT);
    Field<Long> spendCount = field(name("v", "spends"), SQLDataType.BIGINT);
    CommonTableExpression<?> e = chainedEntries();
    Field<Long> account = e.field("account", SQLDataType.BIGINT);
    Field<Boolean> last = e.field("last", SQLDataType.BOOLEAN);
    Field<byte[]> hash = e.field("hash", SQLDataType.BLOB);
    Field<OffsetDateTime> at = e.field("at", SQLDataType.TIMESTAMPWITHTIMEZONE);
    Table<?> heads = DSL.select(account, hash, at).from(e).where(last).asTable("heads");
    Field<Long> headAccount = heads.field(account);
    CommonTableExpression<Record2<Long, Long>> u =
        name("u")
            .as(
                tx.dsl()
                    .update(ACCOUNTS)
                    .set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.plus(delta))
                    .set(ACCOUNTS.HELD, ACCOUNTS.HELD.plus(held))
                    .set(ACCOUNTS.VELOCITY, Velocity.counted(spent, spendCount))
                    .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(n))
                    .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
                    .set(ACCOUNTS.CHAIN, DSL.coalesce(heads.field(hash), ACCOUNTS.CHAIN))
                    .set(
                        ACCOUNTS.LAST_ENTRY_AT,
                        DSL.coalesce(heads.field(at), ACCOUNTS.LAST_ENTRY_AT))
                    .from(v.leftJoin(heads).on(headAccount.eq(id)))
                    .where(ACCOUNTS.ID.eq(id))
                    .returningResult(ACCOUNTS.ID, ACCOUNTS.BALANCE));
    CommonTableExpression<Record1<Long>> l =
        name("l")
            .as(
                LedgerInsert.fromRows(
                        tx.dsl(),
                        e,
                        account,
                        e.field("amount", SQLDataType.BIGINT),
                        e.field("balance_after", SQLDataType.BIGINT),
                        hash,
                        at)
                    .returningResult(LEDGER_ENTRIES.ID));
    // One statement: the balances move and the entries are written; the balances the database
    // computed must be the ones the entries say, or the whole batch rolls back.
    Map<Long, Long> written =
        (entries.isEmpty() ? tx.dsl().with(e).with(u) : tx.dsl().with(e).with(u).with(l))
            .select(u.field(ACCOUNTS.ID), u.field(ACCOUNTS.BALANCE))
            .from(u)
            .fetchMap(r -> r.value1(), r -> r.value2());
    accounts.forEach((changed, c) -> {
      Long balance = written.get(changed);
      if (balance == null || balance != c[2]) {
        throw new InternalErrorException(
            "batch: account " + changed + " is at " + balance + ", its entries say " + c[2]);
      }
    });
    holds.write(tx);
  }
}
