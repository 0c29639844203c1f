package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;

import dev.racefree.LedgerEntry;
import dev.racefree.internal.ledger.Entries;
import dev.racefree.internal.schema.enums.EntryKind;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/**
 * A small journal of postings written straight into the tables as the owner, as the write path
 * writes them: deposits from and withdrawals to external accounts, two-sided transfers and postings
 * of three sides, with codes, references, metadata and shared event times; for comparing the
 * queries with a brute-force filter over every entry.
 *
 * @param internal the internal accounts' ids
 * @param external the external accounts' ids
 * @param currencyOf every account's currency
 * @param entries every entry, in id order, as {@code Entries} maps it
 */
record Journal(
    List<Long> internal,
    List<Long> external,
    Map<Long, String> currencyOf,
    List<LedgerEntry> entries) {

  static final Instant BASE = Instant.parse("2024-03-01T10:00:00.000123Z");
  static final List<Integer> CODES = Arrays.asList(null, 1, 2, 7);

  /** Writes {@code postings} postings (seeded by {@code seed}) and reads every entry back. */
  static Journal write(DSLContext owner, int postings, long seed) {
    Map<Long, String> currencyOf = new HashMap<>();
    long extEur = external(owner, "external:EUR", "EUR", true, currencyOf);
    long pspEur = external(owner, "psp:EUR", "EUR", false, currencyOf);
    long extUsd = external(owner, "external:USD", "USD", true, currencyOf);
    List<Long> internal = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      internal.add(internal(owner, "eur-" + i, "EUR", extEur, currencyOf));
    }
    for (int i = 0; i < 2; i++) {
      internal.add(internal(owner, "usd-" + i, "USD", extUsd, currencyOf));
    }
    Map<String, List<Long>> externalsOf =
        Map.of("EUR", List.of(extEur, pspEur), "USD", List.of(extUsd));
    Map<Long, Long> balance = new HashMap<>();
    Random rnd = new Random(seed);
    List<Side> sides = new ArrayList<>();
    for (int p = 0; p < postings; p++) {
      long a = internal.get(rnd.nextInt(internal.size()));
      String currency = currencyOf.get(a);
      List<Long> peers =
          internal.stream().filter(o -> o != a && currencyOf.get(o).equals(currency)).toList();
      OffsetDateTime at =
          OffsetDateTime.ofInstant(BASE.plusMillis((p / 2L) * 1_500L), ZoneOffset.UTC);
      Integer code = CODES.get(rnd.nextInt(CODES.size()));
      String reference = rnd.nextInt(3) == 0 ? null : "inv-" + rnd.nextInt(12);
      UUID posting =
          UUID.nameUUIDFromBytes(ByteBuffer.allocate(16).putLong(seed).putLong(p).array());
      long have = balance.getOrDefault(a, 0L);
      long amount = 1L + rnd.nextInt(50);
      int type = rnd.nextInt(4);
      int start = sides.size();
      List<Long> ext = externalsOf.get(currency);
      long x = ext.get(rnd.nextInt(ext.size()));
      if (type == 0 || have < amount) { // a deposit
        sides.add(new Side(a, amount, EntryKind.credit, posting, x, code, reference, at, null));
      } else if (type == 1) { // a withdrawal
        sides.add(new Side(a, -amount, EntryKind.debit, posting, x, code, reference, at, null));
      } else if (type == 2 || peers.size() < 2) { // a transfer
        long b = peers.get(rnd.nextInt(peers.size()));
        sides.add(
            new Side(a, -amount, EntryKind.transfer, posting, b, code, reference, at, posting));
        sides.add(
            new Side(b, amount, EntryKind.transfer, posting, a, code, reference, at, posting));
      } else { // three sides
        long b = peers.get(0);
        long c = peers.get(1);
        long part = amount / 2;
        sides.add(
            new Side(a, -amount, EntryKind.transfer, posting, null, code, reference, at, posting));
        if (part > 0) {
          sides.add(
              new Side(b, part, EntryKind.transfer, posting, null, code, reference, at, posting));
        }
        sides.add(
            new Side(
                c, amount - part, EntryKind.transfer, posting, null, code, reference, at, posting));
      }
      for (Side s : sides.subList(start, sides.size())) {
        balance.merge(s.account, s.amount, Long::sum);
      }
    }
    insert(owner, sides);
    balance.forEach((id, b) ->
        owner.update(ACCOUNTS).set(ACCOUNTS.BALANCE, b).where(ACCOUNTS.ID.eq(id)).execute());
    List<LedgerEntry> entries =
        owner
            .select(Entries.FIELDS)
            .from(LEDGER_ENTRIES)
            .orderBy(LEDGER_ENTRIES.ID)
            .fetch(Entries::of);
    return new Journal(internal, List.of(extEur, pspEur, extUsd), currencyOf, entries);
  }

  private record Side(
      long account,
      long amount,
      EntryKind kind,
      UUID posting,
      Long counterparty,
      Integer code,
      String reference,
      OffsetDateTime at,
      UUID correlation) {}

  private static void insert(DSLContext owner, List<Side> sides) {
    Map<Long, Long> running = new HashMap<>();
    var insert =
        owner.insertInto(
            LEDGER_ENTRIES,
            LEDGER_ENTRIES.ACCOUNT_ID,
            LEDGER_ENTRIES.AMOUNT,
            LEDGER_ENTRIES.BALANCE_AFTER,
            LEDGER_ENTRIES.KIND,
            LEDGER_ENTRIES.POSTING_ID,
            LEDGER_ENTRIES.COUNTERPARTY_ID,
            LEDGER_ENTRIES.CORRELATION_ID,
            LEDGER_ENTRIES.CODE,
            LEDGER_ENTRIES.REFERENCE,
            LEDGER_ENTRIES.METADATA,
            LEDGER_ENTRIES.CREATED_AT,
            LEDGER_ENTRIES.HASH);
    int n = 0;
    for (Side s : sides) {
      long after = running.merge(s.account, s.amount, Long::sum);
      insert =
          insert.values(
              s.account,
              s.amount,
              after,
              s.kind,
              s.posting,
              s.counterparty,
              s.correlation,
              s.code,
              s.reference,
              n % 5 == 0 ? JSONB.valueOf("{\"order\": \"o-" + n + "\"}") : null,
              s.at,
              sha256(n));
      n++;
    }
    insert.execute();
  }

  private static long external(
      DSLContext owner, String name, String currency, boolean isDefault, Map<Long, String> into) {
    long id =
        owner
            .insertInto(ACCOUNTS)
            .set(ACCOUNTS.OWNER, "racefree")
            .set(ACCOUNTS.CURRENCY, currency)
            .set(ACCOUNTS.EXTERNAL_NAME, name)
            .set(ACCOUNTS.DEFAULT_EXTERNAL, isDefault)
            .set(ACCOUNTS.MAX_BALANCE, 0L)
            .returning(ACCOUNTS.ID)
            .fetchSingle(ACCOUNTS.ID);
    into.put(id, currency);
    return id;
  }

  private static long internal(
      DSLContext owner,
      String name,
      String currency,
      long defaultExternal,
      Map<Long, String> into) {
    long id =
        owner
            .insertInto(ACCOUNTS)
            .set(ACCOUNTS.OWNER, name)
            .set(ACCOUNTS.CURRENCY, currency)
            .set(ACCOUNTS.DEFAULT_EXTERNAL_ID, defaultExternal)
            .returning(ACCOUNTS.ID)
            .fetchSingle(ACCOUNTS.ID);
    into.put(id, currency);
    return id;
  }

  private static byte[] sha256(int n) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(ByteBuffer.allocate(4).putInt(n).array());
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
