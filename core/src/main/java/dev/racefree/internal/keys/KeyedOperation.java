package dev.racefree.internal.keys;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The operations that take an idempotency key, and what "the same request" means for each. */
public enum KeyedOperation {
  DEBIT,
  CREDIT,
  TRANSFER,
  HOLD,
  HOLD_TRANSFER,
  CAPTURE,
  LEGS;

  /** SHA-256 of the operation's name and arguments, as {@code debit|id|amount}. */
  public byte[] fingerprint(long... arguments) {
    StringBuilder text = new StringBuilder(name().toLowerCase(Locale.ROOT));
    for (long a : arguments) {
      text.append('|').append(a);
    }
    return Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * A hold's (or, with {@code target}, a held transfer's) fingerprint. The expiry counts to the
   * microsecond, as the database keeps it, so single and batched holds of one request match.
   */
  public static byte[] hold(
      long accountId, @Nullable Long target, long amount, OffsetDateTime expiresAt) {
    OffsetDateTime kept = expiresAt.truncatedTo(ChronoUnit.MICROS);
    long seconds = kept.toEpochSecond();
    long nanos = kept.getNano();
    return target == null
        ? HOLD.fingerprint(accountId, amount, seconds, nanos)
        : HOLD_TRANSFER.fingerprint(accountId, target, amount, seconds, nanos);
  }
}
