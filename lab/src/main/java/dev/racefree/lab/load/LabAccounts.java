package dev.racefree.lab.load;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.generateSeries;
import static org.jooq.impl.DSL.md5;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;

import dev.racefree.Racefree;
import dev.racefree.internal.schema.Routines;
import dev.racefree.internal.schema.enums.EntryKind;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.Map;
import java.util.UUID;
import org.jooq.CommonTableExpression;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.impl.SQLDataType;

/**
 * The lab's own accounts: opened in one statement (a hundred thousand {@code open} calls would take
 * a minute with fsync on), each with its starting balance, owned by {@code lab:<name>}. Ids come
 * back sorted; the lab reads them back by id range and owner.
 */
public final class LabAccounts {

  static final String CURRENCY = "EUR";

  private LabAccounts() {}

  /**
   * {@code INSERT INTO accounts ... SELECT ... FROM generate_series(1, :count) RETURNING id}, each
   * naming the currency's default external account, then, for a starting balance, {@code WITH
   * credited AS (UPDATE accounts SET balance = :balance, chain = entry_link(...) ... RETURNING ...)
   * INSERT INTO ledger_entries ... SELECT ... FROM credited}: each account gets its opening deposit
   * as a posting against the default external account, chained as racefree chains it, so {@code
   * Racefree.verify()} is clean from the start. (A zero balance needs no entry: entries are never
   * 0.)
   */
  public static long[] open(DSLContext dsl, String name, int count, long balance) {
    long external = Racefree.using(dsl).accounts().defaultExternal(CURRENCY);
    long[] ids =
        dsl
            .insertInto(ACCOUNTS, ACCOUNTS.OWNER, ACCOUNTS.CURRENCY, ACCOUNTS.DEFAULT_EXTERNAL_ID)
            .select(
                select(val(owner(name)), val(CURRENCY), val(external))
                    .from(generateSeries(1, count)))
            .returningResult(ACCOUNTS.ID)
            .fetch(Record1::value1)
            .stream()
            .mapToLong(Long::longValue)
            .sorted()
            .toArray();
    if (balance > 0 && ids.length > 0) {
      Field<UUID> posting = md5(ACCOUNTS.ID.cast(SQLDataType.VARCHAR)).cast(SQLDataType.UUID);
      Field<OffsetDateTime> at = function("statement_timestamp", SQLDataType.TIMESTAMPWITHTIMEZONE);
      CommonTableExpression<?> credited =
          name("credited")
              .as(
                  dsl.update(ACCOUNTS)
                      .set(ACCOUNTS.BALANCE, balance)
                      .set(
                          ACCOUNTS.CHAIN,
                          Routines.entryLink(
                              ACCOUNTS.CHAIN,
                              ACCOUNTS.ID,
                              val(balance),
                              val(balance),
                              val(EntryKind.credit),
                              posting,
                              ACCOUNTS.DEFAULT_EXTERNAL_ID,
                              val(null, SQLDataType.BIGINT),
                              val(null, SQLDataType.VARCHAR),
                              val(null, SQLDataType.INTEGER),
                              val(null, SQLDataType.JSONB),
                              at))
                      .set(ACCOUNTS.LAST_ENTRY_AT, at)
                      .where(ACCOUNTS.ID.between(ids[0], ids[ids.length - 1]))
                      .and(ACCOUNTS.OWNER.eq(owner(name)))
                      .returningResult(
                          ACCOUNTS.ID,
                          ACCOUNTS.CHAIN,
                          ACCOUNTS.LAST_ENTRY_AT,
                          ACCOUNTS.DEFAULT_EXTERNAL_ID,
                          posting.as("posting")));
      dsl.with(credited)
          .insertInto(
              LEDGER_ENTRIES,
              LEDGER_ENTRIES.ACCOUNT_ID,
              LEDGER_ENTRIES.AMOUNT,
              LEDGER_ENTRIES.BALANCE_AFTER,
              LEDGER_ENTRIES.KIND,
              LEDGER_ENTRIES.POSTING_ID,
              LEDGER_ENTRIES.COUNTERPARTY_ID,
              LEDGER_ENTRIES.HASH,
              LEDGER_ENTRIES.CREATED_AT)
          .select(
              select(
                      credited.field(ACCOUNTS.ID),
                      val(balance),
                      val(balance),
                      val(EntryKind.credit),
                      credited.field("posting", SQLDataType.UUID),
                      credited.field(ACCOUNTS.DEFAULT_EXTERNAL_ID),
                      credited.field(ACCOUNTS.CHAIN),
                      credited.field(ACCOUNTS.LAST_ENTRY_AT))
                  .from(credited))
          .execute();
    }
    return ids;
  }

  /**
   * As {@link #open}, on a schema of version 10 (before postings): {@code WITH opened AS (INSERT
   * INTO accounts ... RETURNING id), journaled AS (INSERT INTO ledger_entries ... SELECT id,
   * :balance, :balance, 'credit' FROM opened WHERE :balance > 0) SELECT id FROM opened}, a
   * single-sided opening entry as racefree wrote it then.
   */
  public static long[] openSingleSided(DSLContext dsl, String name, int count, long balance) {
    CommonTableExpression<Record1<Long>> opened =
        name("opened")
            .as(
                dsl.insertInto(ACCOUNTS, ACCOUNTS.OWNER, ACCOUNTS.CURRENCY, ACCOUNTS.BALANCE)
                    .select(
                        select(val(owner(name)), val(CURRENCY), val(balance))
                            .from(generateSeries(1, count)))
                    .returningResult(ACCOUNTS.ID));
    Field<Long> id = opened.field(ACCOUNTS.ID);
    CommonTableExpression<Record1<Long>> journaled =
        name("journaled")
            .as(
                dsl.insertInto(
                        LEDGER_ENTRIES,
                        LEDGER_ENTRIES.ACCOUNT_ID,
                        LEDGER_ENTRIES.AMOUNT,
                        LEDGER_ENTRIES.BALANCE_AFTER,
                        LEDGER_ENTRIES.KIND)
                    .select(
                        select(id, val(balance), val(balance), val(EntryKind.credit))
                            .from(opened)
                            .where(val(balance).gt(0L)))
                    .returningResult(LEDGER_ENTRIES.ID));
    return dsl.with(opened).with(journaled).select(id).from(opened).fetch(Record1::value1).stream()
        .mapToLong(Long::longValue)
        .sorted()
        .toArray();
  }

  static String owner(String name) {
    return "lab:" + name;
  }

  /** Balances in the order of {@code ids}. */
  public static long[] balances(DSLContext dsl, String name, long[] ids) {
    Map<Long, Long> byId =
        dsl.select(ACCOUNTS.ID, ACCOUNTS.BALANCE)
            .from(ACCOUNTS)
            .where(
                ACCOUNTS
                    .ID
                    .between(ids[0], ids[ids.length - 1])
                    .and(ACCOUNTS.OWNER.eq(owner(name))))
            .fetchMap(ACCOUNTS.ID, ACCOUNTS.BALANCE);
    long[] balances = new long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      Long b = byId.get(ids[i]);
      if (b == null) {
        throw new IllegalStateException("the lab's account " + ids[i] + " vanished");
      }
      balances[i] = b;
    }
    return balances;
  }

  /** The sum of the balances, computed by the server. */
  public static long total(DSLContext dsl, String name, long[] ids) {
    BigDecimal total =
        dsl.select(sum(ACCOUNTS.BALANCE))
            .from(ACCOUNTS)
            .where(
                ACCOUNTS
                    .ID
                    .between(ids[0], ids[ids.length - 1])
                    .and(ACCOUNTS.OWNER.eq(owner(name))))
            .fetchSingle(Record1::value1);
    return total.longValueExact();
  }

  /** The money held on the accounts {@code ids[0]..ids[last]}, summed by the server. */
  public static long held(DSLContext dsl, long[] ids) {
    BigDecimal held =
        dsl.select(coalesce(sum(ACCOUNTS.HELD), BigDecimal.ZERO))
            .from(ACCOUNTS)
            .where(ACCOUNTS.ID.between(ids[0], ids[ids.length - 1]))
            .fetchSingle(Record1::value1);
    return held.longValueExact();
  }
}
