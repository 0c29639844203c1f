package dev.racefree.internal.keys;

import static dev.racefree.internal.schema.Tables.IDEMPOTENCY_KEYS;
import static org.jooq.impl.DSL.currentOffsetDateTime;

import dev.racefree.IdempotencyKey;
import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.runner.Instance;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.tables.IdempotencyKeys;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * Runs an operation at most once per idempotency key, in the transaction it is given.
 *
 * <p>The key row is inserted first ({@code INSERT ... ON CONFLICT DO UPDATE ... WHERE expired}). A
 * concurrent duplicate blocks on the unique index until the first transaction ends: if that
 * committed, the duplicate reads the stored outcome; if it rolled back, the duplicate executes. So
 * of N concurrent duplicates exactly one executes, and all N get its outcome. An expired key that
 * was not purged yet is taken over as if new. Creation, expiry and purge all use the database's
 * clock.
 */
public final class Idempotency {

  private static final IdempotencyKeys K = IDEMPOTENCY_KEYS;

  /** The operation to run once a key is taken: given the key's id, to journal it. */
  @FunctionalInterface
  public interface Keyed<R> {
    R run(long keyId) throws SQLException;
  }

  /** An operation that runs under a taken key, given its transaction and the key's id. */
  @FunctionalInterface
  public interface UnderKey<R> {
    R run(Tx tx, long keyId) throws SQLException;
  }

  /** Reads a stored outcome back as the operation's result, in the replaying transaction. */
  @FunctionalInterface
  public interface Replay<R> {
    R of(Tx tx, StoredOutcome stored);
  }

  private Idempotency() {}

  /**
   * {@code operation} ({@code name}d for observers) at most once per {@code key}, all or nothing
   * with the key's row, in the transaction {@code db} gives it.
   */
  public static <R> R run(
      Instance instance,
      String name,
      IdempotencyKey key,
      byte[] fingerprint,
      Replay<R> replay,
      UnderKey<R> operation) {
    return instance
        .runner()
        .atomically(
            name,
            tx ->
                atMostOnce(
                    tx,
                    key,
                    fingerprint,
                    instance.keyRetention(),
                    stored -> replay.of(tx, stored),
                    keyId -> operation.run(tx, keyId)));
  }

  /**
   * {@code operation} at most once per {@code key}; a repeat of the same request gets the stored
   * outcome, read back by {@code replay}.
   */
  public static <R> R atMostOnce(
      Tx tx,
      IdempotencyKey key,
      byte[] fingerprint,
      Duration retention,
      Function<StoredOutcome, R> replay,
      Keyed<R> operation)
      throws SQLException {
    DSLContext dsl = tx.dsl();
    Long keyId =
        KeyClaim.of(dsl, retention)
            .add(key.scope(), key.key(), fingerprint)
            .statement()
            .returningResult(K.ID)
            .fetchOne(Record1::value1);
    if (keyId == null) {
      R replayed = replay.apply(stored(dsl, key, fingerprint));
      tx.replayed(true);
      return replayed;
    }
    R result = operation.run(keyId);
    StoredOutcome stored = StoredOutcome.of(result);
    if (stored == null) {
      dsl.deleteFrom(K).where(K.ID.eq(keyId)).execute(); // a validation failure keeps nothing
    } else {
      dsl.update(K)
          .set(K.OUTCOME, stored.outcome())
          .set(K.BALANCE, stored.balance())
          .set(K.OTHER_BALANCE, stored.otherBalance())
          .set(K.HOLD_ID, stored.holdId())
          .set(K.CORRELATION_ID, stored.correlationId())
          .where(K.ID.eq(keyId))
          .execute();
    }
    return result;
  }

  private static StoredOutcome stored(DSLContext dsl, IdempotencyKey key, byte[] fingerprint) {
    var row =
        dsl.select(
                K.FINGERPRINT, K.OUTCOME, K.BALANCE, K.OTHER_BALANCE, K.HOLD_ID, K.CORRELATION_ID)
            .from(K)
            .where(K.SCOPE.eq(key.scope()).and(K.KEY.eq(key.key())))
            .fetchSingle();
    if (!Arrays.equals(row.value1(), fingerprint)) {
      throw new IdempotencyConflictException(key);
    }
    if (row.value2() == null) {
      throw new InternalErrorException(
          "idempotency key " + key + " is visible without its outcome");
    }
    return new StoredOutcome(row.value2(), row.value3(), row.value4(), row.value5(), row.value6());
  }

  /** Deletes keys whose retention has passed; returns how many. */
  public static int purgeExpired(DSLContext dsl) {
    return dsl.deleteFrom(K).where(K.EXPIRES_AT.le(currentOffsetDateTime())).execute();
  }
}
