package dev.racefree;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.exception.IdempotencyConflictException;
import static dev.racefree.internal.schema.Tables.IDEMPOTENCY_KEYS;
import static org.jooq.impl.DSL.currentOffsetDateTime;

import dev.racefree.internal.schema.tables.IdempotencyKeys;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.function.LongFunction;
import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * Runs an operation at most once per idempotency key, inside the caller's transaction.
 *
 * <p>The key row is inserted first ({@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expired}).
 * A concurrent duplicate blocks on the unique index until the first transaction ends: if that
 * committed, the duplicate reads the stored outcome; if it rolled back, the duplicate executes.
 * So of N concurrent duplicates exactly one executes, and all N get its outcome. An expired key
 * that was not purged yet is taken over as if new.
 */
final class Idempotency {

  private static final IdempotencyKeys K = IDEMPOTENCY_KEYS;

  private Idempotency() {}

  @SuppressWarnings("unchecked")
  static <R> R once(DSLContext tx, IdempotencyKey key, byte[] fingerprint, Duration retention, LongFunction<R> operation) {
    OffsetDateTime expiresAt = OffsetDateTime.now().plus(retention);
    Long keyId = tx.insertInto(K)
        .set(K.SCOPE, key.scope())
        .set(K.KEY, key.key())
        .set(K.FINGERPRINT, fingerprint)
        .set(K.EXPIRES_AT, expiresAt)
        .onConflict(K.SCOPE, K.KEY)
        .doUpdate()
        .set(K.FINGERPRINT, fingerprint)
        .setNull(K.OUTCOME)
        .setNull(K.BALANCE)
        .setNull(K.OTHER_BALANCE)
        .set(K.CREATED_AT, currentOffsetDateTime())
        .set(K.EXPIRES_AT, expiresAt)
        .where(K.EXPIRES_AT.le(currentOffsetDateTime()))
        .returningResult(K.ID)
        .fetchOne(Record1::value1);
    if (keyId == null) {
      return (R) replay(tx, key, fingerprint);
    }
    R result = operation.apply(keyId);
    StoredOutcome stored = StoredOutcome.of(result);
    if (stored == null) {
      tx.deleteFrom(K).where(K.ID.eq(keyId)).execute(); // a validation failure keeps nothing
    } else {
      tx.update(K)
          .set(K.OUTCOME, stored.outcome())
          .set(K.BALANCE, stored.balance())
          .set(K.OTHER_BALANCE, stored.otherBalance())
          .where(K.ID.eq(keyId))
          .execute();
    }
    return result;
  }

  private static Object replay(DSLContext tx, IdempotencyKey key, byte[] fingerprint) {
    var row = tx.select(K.FINGERPRINT, K.OUTCOME, K.BALANCE, K.OTHER_BALANCE)
        .from(K)
        .where(K.SCOPE.eq(key.scope()).and(K.KEY.eq(key.key())))
        .fetchSingle();
    if (!Arrays.equals(row.value1(), fingerprint)) {
      throw new IdempotencyConflictException(key);
    }
    if (row.value2() == null) {
      throw new InternalErrorException("idempotency key " + key + " is visible without its outcome");
    }
    return new StoredOutcome(row.value2(), row.value3(), row.value4()).value();
  }

  /** SHA-256 of the operation's name and arguments: what "the same request" means. */
  static byte[] fingerprint(String operation, long... arguments) {
    StringBuilder text = new StringBuilder(operation);
    for (long a : arguments) {
      text.append('|').append(a);
    }
    return Sha256.of(text.toString().getBytes(StandardCharsets.UTF_8));
  }

  /** Deletes keys whose retention has passed; returns how many. */
  static int purgeExpired(DSLContext dsl) {
    return dsl.deleteFrom(K).where(K.EXPIRES_AT.le(currentOffsetDateTime())).execute();
  }
}
