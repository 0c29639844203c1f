package dev.racefree.internal.keys;

import static dev.racefree.internal.schema.Tables.IDEMPOTENCY_KEYS;
import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.val;

import dev.racefree.internal.schema.tables.IdempotencyKeys;
import dev.racefree.internal.schema.tables.records.IdempotencyKeysRecord;
import dev.racefree.internal.sql.DbClock;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertOnConflictConditionStep;
import org.jooq.InsertValuesStep4;
import org.jooq.types.DayToSecond;

/**
 * The one claim of idempotency keys, for one request or a batch of them: {@code INSERT ... ON
 * CONFLICT (scope, key) DO UPDATE ... WHERE expires_at <= now}. A key nobody holds is inserted; an
 * expired key that was not purged yet is taken over as if new (its stored outcome cleared); a live
 * key is left alone, and its row is not returned. A concurrent claim of the same key blocks on the
 * unique index until the first transaction ends. Expiry is judged by {@link DbClock}.
 */
public final class KeyClaim {

  private static final IdempotencyKeys K = IDEMPOTENCY_KEYS;

  /** The rows to claim, added with {@link #add}. */
  public static final class Rows {
    private InsertValuesStep4<IdempotencyKeysRecord, String, String, byte[], OffsetDateTime> insert;
    private final Field<OffsetDateTime> expiresAt;

    private Rows(DSLContext dsl, Duration retention) {
      this.insert = dsl.insertInto(K, K.SCOPE, K.KEY, K.FINGERPRINT, K.EXPIRES_AT);
      this.expiresAt = DbClock.NOW.plus(val(DayToSecond.valueOf(retention)));
    }

    /** Claims {@code key} in {@code scope} for the request with {@code fingerprint}. */
    public Rows add(String scope, String key, byte[] fingerprint) {
      insert = insert.values(val(scope), val(key), val(fingerprint), expiresAt);
      return this;
    }

    /**
     * The claim statement: the caller adds {@code RETURNING} to learn which keys it took (an
     * inserted row or a taken-over expired one); a key missing from the result is live elsewhere.
     */
    public InsertOnConflictConditionStep<IdempotencyKeysRecord> statement() {
      return insert
          .onConflict(K.SCOPE, K.KEY)
          .doUpdate()
          .set(K.FINGERPRINT, excluded(K.FINGERPRINT))
          .setNull(K.OUTCOME)
          .setNull(K.BALANCE)
          .setNull(K.OTHER_BALANCE)
          .setNull(K.HOLD_ID)
          .setNull(K.CORRELATION_ID)
          .set(K.CREATED_AT, DbClock.NOW)
          .set(K.EXPIRES_AT, excluded(K.EXPIRES_AT))
          .where(K.EXPIRES_AT.le(DbClock.NOW));
    }
  }

  private KeyClaim() {}

  /** A claim of keys kept for {@code retention} from the database's clock. */
  public static Rows of(DSLContext dsl, Duration retention) {
    return new Rows(dsl, retention);
  }
}
