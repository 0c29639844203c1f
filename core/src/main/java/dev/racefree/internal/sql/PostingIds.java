package dev.racefree.internal.sql;

import java.security.SecureRandom;
import java.util.UUID;

/**
 * Posting ids: version 7 UUIDs (RFC 9562), a millisecond timestamp followed by random bits, so that
 * new ids land at the right edge of the posting index instead of on random pages.
 */
public final class PostingIds {

  private static final SecureRandom RANDOM = new SecureRandom();

  private PostingIds() {}

  public static UUID next() {
    long millis = System.currentTimeMillis();
    long randA = RANDOM.nextLong();
    long randB = RANDOM.nextLong();
    long high = (millis << 16) | 0x7000L | (randA & 0x0FFFL); // 48-bit time, version 7, 12 random
    long low = (randB & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // variant 10, 62 random
    return new UUID(high, low);
  }
}
