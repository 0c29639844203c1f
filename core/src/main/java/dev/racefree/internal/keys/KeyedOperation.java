package dev.racefree.internal.keys;

import dev.racefree.ImportedPosting;
import dev.racefree.Posting;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
  LEGS,
  IMPORT,
  CONSUME;

  /** SHA-256 of the operation's name and arguments, as {@code debit|id|amount}. */
  public byte[] fingerprint(long... arguments) {
    return Sha256.of(text(arguments).toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * As {@link #fingerprint(long...)}, with the caller's posting: the same as without one when it is
   * empty (so keys stored before postings existed still replay), else followed by each of its
   * parts, every text prefixed by its length.
   */
  public byte[] fingerprint(Posting posting, long... arguments) {
    StringBuilder text = text(arguments);
    posting(text, posting);
    return Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** As {@link #fingerprint(long...)}, the texts first, each prefixed by its length. */
  public byte[] fingerprint(List<String> texts, long... arguments) {
    StringBuilder text = text();
    texts.forEach(t -> part(text, t));
    for (long a : arguments) {
      text.append('|').append(a);
    }
    return Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * An import's fingerprint: each posting's kind, accounts, amount and event time (to the
   * microsecond, as the database keeps it) followed by its description, in order.
   */
  public static byte[] imported(List<ImportedPosting> postings) {
    StringBuilder text = IMPORT.text();
    for (ImportedPosting p : postings) {
      OffsetDateTime at =
          OffsetDateTime.ofInstant(p.at(), ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
      Long to = p.to();
      text.append('|').append(p.kind().name());
      text.append('|').append(p.accountId());
      text.append('|').append(to == null ? 0 : to);
      text.append('|').append(p.amount());
      text.append('|').append(at.toEpochSecond()).append('.').append(at.getNano());
      posting(text, p.posting());
    }
    return Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void posting(StringBuilder text, Posting posting) {
    if (!posting.isEmpty()) {
      text.append("|posting");
      part(text, posting.reference());
      text.append('|').append(posting.uniqueReference());
      text.append('|').append(posting.code());
      text.append('|').append(posting.external());
      posting
          .metadata()
          .forEach((k, v) -> {
            part(text, k);
            part(text, v);
          });
    }
  }

  private StringBuilder text(long... arguments) {
    StringBuilder text = new StringBuilder(name().toLowerCase(Locale.ROOT));
    for (long a : arguments) {
      text.append('|').append(a);
    }
    return text;
  }

  private static void part(StringBuilder text, @Nullable String value) {
    text.append('|');
    if (value != null) {
      text.append(value.length()).append(':').append(value);
    }
  }

  /**
   * A hold's (or, with {@code target}, a held transfer's) fingerprint, with its posting as {@link
   * #fingerprint(Posting, long...)} takes it. The expiry counts to the microsecond, as the database
   * keeps it, so single and batched holds of one request match.
   */
  public static byte[] hold(
      long accountId,
      @Nullable Long target,
      long amount,
      OffsetDateTime expiresAt,
      Posting posting) {
    OffsetDateTime kept = expiresAt.truncatedTo(ChronoUnit.MICROS);
    long seconds = kept.toEpochSecond();
    long nanos = kept.getNano();
    return target == null
        ? HOLD.fingerprint(posting, accountId, amount, seconds, nanos)
        : HOLD_TRANSFER.fingerprint(posting, accountId, target, amount, seconds, nanos);
  }
}
