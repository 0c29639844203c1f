package dev.racefree.internal.ledger;

import dev.racefree.EntryQuery;
import dev.racefree.LedgerEntry;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.zip.CRC32;

/**
 * Where a page of {@link EntryQuery} ended: the event time and id of its last entry, the keyset the
 * next page starts after. Given to callers as opaque text (URL-safe base64 of a version byte, the
 * time in microseconds, the id, and a checksum of the query it belongs to, so that a cursor of
 * another query is refused instead of silently skipping entries).
 *
 * @param micros the event time, in microseconds since the epoch (PostgreSQL's precision)
 */
public record Cursor(long micros, long id) {

  private static final byte VERSION = 1;
  private static final int LENGTH = 1 + 8 + 8 + 4;
  private static final long MIN_MICROS = Check.MIN_INSTANT.getEpochSecond() * 1_000_000L;
  private static final long MAX_MICROS = Check.MAX_INSTANT.getEpochSecond() * 1_000_000L;

  /** The cursor after {@code last}. */
  static Cursor after(LedgerEntry last) {
    Instant t = last.writtenAt();
    return new Cursor(
        Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000L), t.getNano() / 1_000),
        last.id());
  }

  /** The event time, as the database compares it. */
  OffsetDateTime at() {
    Instant t =
        Instant.ofEpochSecond(
            Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    return OffsetDateTime.ofInstant(t, ZoneOffset.UTC);
  }

  /** The text a caller passes back with {@code query}. */
  String encode(EntryQuery query) {
    ByteBuffer b = ByteBuffer.allocate(LENGTH);
    b.put(VERSION).putLong(micros).putLong(id).putInt(checksum(query));
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b.array());
  }

  /**
   * The cursor {@link #encode} made for {@code query}.
   *
   * @throws InvalidArgumentException naming {@code cursor} when it is not one, or one of another
   *     query
   */
  public static Cursor decode(String cursor, EntryQuery query) {
    if (cursor.length() > 64) {
      throw new InvalidArgumentException("cursor is not a cursor racefree returned");
    }
    byte[] bytes;
    try {
      bytes = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException("cursor is not a cursor racefree returned");
    }
    if (bytes.length != LENGTH || bytes[0] != VERSION) {
      throw new InvalidArgumentException("cursor is not a cursor racefree returned");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes, 1, LENGTH - 1);
    long micros = b.getLong();
    long id = b.getLong();
    if (b.getInt() != checksum(query)) {
      throw new InvalidArgumentException("cursor belongs to another query than " + query);
    }
    if (id <= 0 || micros < MIN_MICROS || micros > MAX_MICROS) {
      throw new InvalidArgumentException("cursor is not a cursor racefree returned");
    }
    return new Cursor(micros, id);
  }

  /** A checksum of the query's conditions: stable across JVMs and releases. */
  private static int checksum(EntryQuery q) {
    String canonical =
        String.join(
            "\u0000",
            String.valueOf(q.accountId()),
            String.valueOf(q.counterpartyId()),
            String.valueOf(q.code()),
            String.valueOf(q.reference()),
            String.valueOf(q.from()),
            String.valueOf(q.to()),
            String.valueOf(q.direction()));
    CRC32 crc = new CRC32();
    crc.update(canonical.getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }
}
