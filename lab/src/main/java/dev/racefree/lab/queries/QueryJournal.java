package dev.racefree.lab.queries;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Record2;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A large journal built set-based by the owner, for query plans: three external accounts (two in
 * EUR, one in USD), {@code accounts} internal ones (every fifth in USD), then {@code entries}
 * entries in one {@code INSERT ... SELECT} over {@code generate_series}: spread over the accounts,
 * a quarter against an external account, one in twenty of more than two sides (no counterparty),
 * the rest against another internal account of the same currency; 40 codes on four in five entries;
 * a reference shared by each pair of entries on two in three; one second apart in event time, so
 * that per account ids and times rise together. The secondary indexes and the foreign key of {@code
 * ledger_entries} are dropped for the load and made again after it; then {@code VACUUM (ANALYZE)}.
 * The {@code queries} command measures over it, and the it-tests' QueryPlansTest asserts each
 * query's plan over it.
 */
public final class QueryJournal {

  /** The accounts' ids: externals first, then the internal ones in one run. */
  public record Ids(long externalEur, long pspEur, long externalUsd, long firstInternal) {}

  private QueryJournal() {}

  /** How long each step of a build took, in seconds. */
  public record Timings(double insert, double index, double vacuum) {}

  public static Timings build(DSLContext pool, int entries, int accounts) {
    Timings[] timings = new Timings[1];
    pool.connection(c -> timings[0] = load(DSL.using(c, SQLDialect.POSTGRES), entries, accounts));
    return timings[0];
  }

  private static Timings load(DSLContext owner, int entries, int accounts) {
    owner.execute(
        """
        insert into racefree.accounts (owner, currency, external_name, default_external, max_balance)
        values ('racefree', 'EUR', 'external:EUR', true, 0),
               ('racefree', 'EUR', 'psp:EUR', false, 0),
               ('racefree', 'USD', 'external:USD', true, 0)\
        """);
    owner.execute(
        """
        insert into racefree.accounts (owner, currency, default_external_id)
        select 'owner-' || i, case when i % 5 = 0 then 'USD' else 'EUR' end,
               (select id from racefree.accounts
                where external_name = case when i % 5 = 0 then 'external:USD' else 'external:EUR' end)
        from generate_series(0, {0} - 1) i
        order by i\
        """,
        DSL.inline(accounts));
    long started = System.nanoTime();
    // A bulk load: the secondary indexes and the foreign key go first and are made again
    // afterwards, from the definitions the migrations gave them (a sorted build and one check are
    // far faster than a million inserts into each index and a million key lookups).
    List<Record2<String, String>> indexes =
        owner
            .resultQuery(
                """
                select indexname, indexdef from pg_indexes
                where schemaname = 'racefree' and tablename = 'ledger_entries'
                  and indexname <> 'ledger_entries_pkey'\
                """)
            .coerce(DSL.field("indexname", String.class), DSL.field("indexdef", String.class))
            .fetch();
    for (Record2<String, String> index : indexes) {
      owner.execute("drop index racefree.\"" + index.value1() + "\"");
    }
    List<Record2<String, String>> keys =
        owner
            .resultQuery(
                """
                select conname, pg_get_constraintdef(oid) from pg_constraint
                where conrelid = 'racefree.ledger_entries'::regclass and contype = 'f'\
                """)
            .coerce(DSL.field("conname", String.class), DSL.field("def", String.class))
            .fetch();
    for (Record2<String, String> key : keys) {
      owner.execute("alter table racefree.ledger_entries drop constraint \"" + key.value1() + "\"");
    }
    owner.execute(
        """
        insert into racefree.ledger_entries (account_id, amount, balance_after, kind, posting_id,
            counterparty_id, correlation_id, reference, code, metadata, created_at, hash)
        select x.first + s.i, s.amount, abs(s.amount),
               case when s.g % 4 = 0 and s.amount > 0 then 'credit'
                    when s.g % 4 = 0 then 'debit'
                    else 'transfer' end::racefree.entry_kind,
               md5((s.g / 2)::text)::uuid,
               case when s.g % 4 = 0 then
                         case when s.i % 5 = 0 then x.usd when s.g % 8 = 0 then x.eur else x.psp end
                    when s.g % 20 = 1 then null
                    else x.first + (s.i + 5 * (1 + s.g % 7)) % {1} end,
               case when s.g % 4 <> 0 then md5((s.g / 2)::text)::uuid end,
               case when s.g % 3 <> 0 then 'ref-' || (s.g / 2) end,
               case when s.g % 5 <> 0 then (s.g % 50)::int end,
               case when s.g % 10 = 0 then jsonb_build_object('order', s.g::text) end,
               timestamptz '2024-01-01 00:00:00+00' + s.g * interval '1 second',
               sha256(int8send(s.g))
        from (select g, (g * 7919) % {1} as i, coalesce(nullif((g * 37) % 999 - 499, 0), 1) as amount
              from generate_series(1, {0}::bigint) g) s,
             (select (select min(id) from racefree.accounts where external_name is null) as first,
                     (select id from racefree.accounts where external_name = 'external:EUR') as eur,
                     (select id from racefree.accounts where external_name = 'psp:EUR') as psp,
                     (select id from racefree.accounts where external_name = 'external:USD') as usd) x
        order by s.g\
        """,
        DSL.inline(entries), DSL.inline(accounts));
    long inserted = System.nanoTime();
    owner.execute("set maintenance_work_mem = '256MB'");
    for (Record2<String, String> index : indexes) {
      owner.execute(index.value2());
    }
    for (Record2<String, String> key : keys) {
      owner.execute(
          "alter table racefree.ledger_entries add constraint \""
              + key.value1()
              + "\" "
              + key.value2());
    }
    owner.execute("reset maintenance_work_mem");
    long indexed = System.nanoTime();
    owner.execute("vacuum (analyze) racefree.accounts, racefree.ledger_entries");
    return new Timings(
        (inserted - started) / 1e9,
        (indexed - inserted) / 1e9,
        (System.nanoTime() - indexed) / 1e9);
  }

  public static Ids ids(DSLContext owner) {
    return owner
        .resultQuery(
            """
            select (select id from racefree.accounts where external_name = 'external:EUR'),
                   (select id from racefree.accounts where external_name = 'psp:EUR'),
                   (select id from racefree.accounts where external_name = 'external:USD'),
                   (select min(id) from racefree.accounts where external_name is null)\
            """)
        .fetchSingle(r ->
            new Ids(
                r.get(0, Long.class),
                r.get(1, Long.class),
                r.get(2, Long.class),
                r.get(3, Long.class)));
  }

  /** The account of entry {@code g} (from 1). */
  public static long accountOf(Ids ids, long g, int accounts) {
    return ids.firstInternal() + (g * 7919) % accounts;
  }

  /** The posting of entries {@code 2 * half} and {@code 2 * half + 1}. */
  public static UUID posting(long half) {
    try {
      byte[] md5 =
          MessageDigest.getInstance("MD5")
              .digest(Long.toString(half).getBytes(StandardCharsets.US_ASCII));
      ByteBuffer b = ByteBuffer.wrap(md5);
      return new UUID(b.getLong(), b.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
