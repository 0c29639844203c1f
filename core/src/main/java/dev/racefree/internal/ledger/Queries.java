package dev.racefree.internal.ledger;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.any;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.row;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.sum;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import dev.racefree.Balances;
import dev.racefree.CurrencyTotals;
import dev.racefree.EntryPage;
import dev.racefree.EntryQuery;
import dev.racefree.Ledger;
import dev.racefree.LedgerEntry;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.money.Externals;
import dev.racefree.internal.schema.tables.LedgerEntries;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.Record3;
import org.jooq.ResultQuery;
import org.jooq.impl.SQLDataType;
import org.jspecify.annotations.Nullable;

/**
 * The statements behind {@link Ledger}'s queries, each one statement over one index: an {@link
 * EntryQuery}'s pages (keyset paging on event time and id, the order of every index that starts the
 * query), a posting's sides, many balances at once, a balance at an instant, and the books per
 * currency at an instant. The {@code ...Query} methods build the statement without running it, so
 * that a test can ask PostgreSQL for its plan.
 *
 * <p>Which index starts which query (proven by the it-tests' QueryPlansTest): an account's entries
 * {@code ledger_entries_account_time}; an account and a counterparty {@code
 * ledger_entries_account_counterparty}; a counterparty alone {@code ledger_entries_counterparty}; a
 * code {@code ledger_entries_code}; a reference {@code ledger_entries_reference}; a posting {@code
 * ledger_entries_posting}. Time range, direction and the other conditions filter the rows that
 * index yields.
 *
 * <p>An external account's balance is derived, never stored: {@link Externals#derived}, minus the
 * sum of the entries whose counterparty it is (its sides in {@code posting_sides}), read through
 * {@code ledger_entries_counterparty}. An internal account's balance at an instant is the balance
 * after its last entry by then, one backward step of {@code ledger_entries_account_time}.
 */
public final class Queries {

  private static final LedgerEntries E = LEDGER_ENTRIES;

  private Queries() {}

  /** Refuses a page size outside 1 to {@link Ledger#MAX_PAGE}. */
  public static int pageSize(int pageSize) {
    if (pageSize < 1 || pageSize > Ledger.MAX_PAGE) {
      throw new InvalidArgumentException(
          "pageSize must be between 1 and " + Ledger.MAX_PAGE + ", was " + pageSize);
    }
    return pageSize;
  }

  /**
   * The statement of one page: the entries {@code query} selects after {@code after} (from the
   * first when {@code null}), oldest first, at most {@code limit}.
   */
  public static ResultQuery<Record> pageQuery(
      DSLContext dsl, EntryQuery query, @Nullable Cursor after, int limit) {
    List<Condition> where = new ArrayList<>();
    Long account = query.accountId();
    if (account != null) {
      where.add(E.ACCOUNT_ID.eq(account));
    }
    Long counterparty = query.counterpartyId();
    if (counterparty != null) {
      where.add(E.COUNTERPARTY_ID.eq(counterparty));
    }
    Integer code = query.code();
    if (code != null) {
      where.add(E.CODE.eq(code));
    }
    String reference = query.reference();
    if (reference != null) {
      where.add(E.REFERENCE.eq(reference));
    }
    Instant from = query.from();
    Instant to = query.to();
    if (from != null && to != null) {
      where.add(E.CREATED_AT.ge(Check.instant(from, "from")));
      where.add(E.CREATED_AT.lt(Check.instant(to, "to")));
    }
    EntryQuery.Direction direction = query.direction();
    if (direction != null) {
      where.add(
          direction == EntryQuery.Direction.IN ? E.AMOUNT.gt(inline(0L)) : E.AMOUNT.lt(inline(0L)));
    }
    if (after != null) {
      where.add(row(E.CREATED_AT, E.ID).gt(after.at(), after.id()));
    }
    return dsl.select(Entries.FIELDS).from(E).where(where).orderBy(E.CREATED_AT, E.ID).limit(limit);
  }

  /** One page of {@code query}: one more row than asked tells whether a next page exists. */
  public static EntryPage page(
      DSLContext dsl, EntryQuery query, @Nullable Cursor after, int pageSize) {
    List<LedgerEntry> rows = pageQuery(dsl, query, after, pageSize + 1).fetch(Entries::of);
    if (rows.size() <= pageSize) {
      return new EntryPage(rows, null);
    }
    List<LedgerEntry> page = rows.subList(0, pageSize);
    return new EntryPage(page, Cursor.after(page.getLast()).encode(query));
  }

  /** The sides of one posting, in id order. */
  public static ResultQuery<Record> postingQuery(DSLContext dsl, UUID postingId) {
    return dsl.select(Entries.FIELDS).from(E).where(E.POSTING_ID.eq(postingId)).orderBy(E.ID);
  }

  /**
   * The distinct ids of {@code accountIds}, in the order given, each checked.
   *
   * @throws InvalidArgumentException naming {@code accountIds} when null, too many, or one is not
   *     an id
   */
  public static Long[] ids(Collection<Long> accountIds) {
    Check.notNull(accountIds, "accountIds");
    if (accountIds.size() > Ledger.MAX_BALANCES) {
      throw new InvalidArgumentException(
          "accountIds may hold at most " + Ledger.MAX_BALANCES + " ids, held " + accountIds.size());
    }
    Set<Long> distinct = new LinkedHashSet<>();
    int i = 0;
    for (Long id : accountIds) {
      Check.notNull(id, "accountIds[" + i + "]");
      distinct.add(Check.id(id, "accountIds[" + i + "]"));
      i++;
    }
    return distinct.toArray(Long[]::new);
  }

  /** The balances of {@code ids} that are accounts, in one statement. */
  public static ResultQuery<Record2<Long, Long>> balancesQuery(DSLContext dsl, Long[] ids) {
    return dsl.select(ACCOUNTS.ID, Externals.balanceOfRow())
        .from(ACCOUNTS)
        .where(ACCOUNTS.ID.eq(any(val(ids, SQLDataType.BIGINT.array()))));
  }

  /** The balances of {@code ids}, and which of them are no account. */
  public static Balances balances(DSLContext dsl, Long[] ids) {
    Map<Long, Long> found = new LinkedHashMap<>();
    balancesQuery(dsl, ids).forEach(r -> found.put(r.value1(), r.value2()));
    Map<Long, Long> balances = new LinkedHashMap<>();
    Set<Long> unknown = new LinkedHashSet<>();
    for (Long id : ids) {
      Long balance = found.get(id);
      if (balance == null) {
        unknown.add(id);
      } else {
        balances.put(id, balance);
      }
    }
    return new Balances(balances, unknown);
  }

  /** The balance of account {@code accountId} as of {@code at}; no row when there is no account. */
  public static ResultQuery<Record1<Long>> balanceAtQuery(
      DSLContext dsl, long accountId, OffsetDateTime at) {
    return dsl.select(
            when(ACCOUNTS.EXTERNAL_NAME.isNull(), internalAt(val(accountId), at))
                .otherwise(Externals.derived(val(accountId), at)))
        .from(ACCOUNTS)
        .where(ACCOUNTS.ID.eq(accountId));
  }

  /** The balance of account {@code accountId} as of {@code at}, or empty when no account has it. */
  public static Optional<Long> balanceAt(DSLContext dsl, long accountId, OffsetDateTime at) {
    return balanceAtQuery(dsl, accountId, at).fetchOptional(Record1::value1);
  }

  /**
   * Per currency: the internal accounts' total as of {@code at} (one row, external id NULL), and
   * each external account's derived balance as of {@code at} (one row each).
   */
  public static ResultQuery<Record3<String, Long, Long>> totalsQuery(
      DSLContext dsl, OffsetDateTime at) {
    Field<Long> external =
        when(ACCOUNTS.EXTERNAL_NAME.isNull(), inline(null, SQLDataType.BIGINT))
            .otherwise(ACCOUNTS.ID);
    Field<Long> balance =
        when(ACCOUNTS.EXTERNAL_NAME.isNull(), internalAt(ACCOUNTS.ID, at))
            .otherwise(Externals.derived(ACCOUNTS.ID, at));
    return dsl.select(ACCOUNTS.CURRENCY, external, sum(balance).cast(SQLDataType.BIGINT))
        .from(ACCOUNTS)
        .groupBy(ACCOUNTS.CURRENCY, external)
        .orderBy(ACCOUNTS.CURRENCY);
  }

  /** The books per currency as of {@code at}, ordered by currency. */
  public static List<CurrencyTotals> totals(DSLContext dsl, OffsetDateTime at) {
    Map<String, Long> internal = new LinkedHashMap<>();
    Map<String, Map<Long, Long>> external = new LinkedHashMap<>();
    for (Record3<String, Long, Long> r : totalsQuery(dsl, at)) {
      String currency = r.value1();
      external.computeIfAbsent(currency, c -> new LinkedHashMap<>());
      Long id = r.value2();
      if (id == null) {
        internal.put(currency, r.value3());
      } else {
        external.get(currency).put(id, r.value3());
      }
    }
    List<CurrencyTotals> totals = new ArrayList<>();
    external.forEach((currency, balances) ->
        totals.add(new CurrencyTotals(currency, internal.getOrDefault(currency, 0L), balances)));
    return totals;
  }

  /**
   * The balance after the account's last entry at or before {@code at} (0 before its first): the
   * first row of a backward scan of {@code (account_id, created_at, id)}.
   */
  private static Field<Long> internalAt(Field<Long> accountId, OffsetDateTime at) {
    return coalesce(
        field(
            select(E.BALANCE_AFTER)
                .from(E)
                .where(E.ACCOUNT_ID.eq(accountId))
                .and(E.CREATED_AT.le(at))
                .orderBy(E.CREATED_AT.desc(), E.ID.desc())
                .limit(inline(1))),
        inline(0L));
  }
}
