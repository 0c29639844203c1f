package dev.racefree;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The operations that take an idempotency key, and what "the same request" means for each. */
enum KeyedOperation {
  DEBIT,
  CREDIT,
  TRANSFER,
  HOLD,
  HOLD_TRANSFER,
  CAPTURE,
  LEGS;

  /** SHA-256 of the operation's name and arguments, as {@code debit|id|amount}. */
  byte[] fingerprint(long... arguments) {
    StringBuilder text = new StringBuilder(name().toLowerCase(Locale.ROOT));
    for (long a : arguments) {
      text.append('|').append(a);
    }
    return Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }
}
