package dev.racefree.internal.keys;

import static dev.racefree.internal.schema.Tables.STORED_RESPONSES;
import static org.jooq.impl.DSL.val;

import dev.racefree.IdempotencyKey;
import dev.racefree.Responses;
import dev.racefree.StoredResponse;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.runner.Failures;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.tables.StoredResponses;
import dev.racefree.internal.sql.DbClock;
import dev.racefree.internal.sql.LockTimeout;
import dev.racefree.result.ResponseClaim;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Arrays;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record1;
import org.jooq.types.DayToSecond;
import org.jspecify.annotations.Nullable;

/**
 * The statements of {@link Responses}, in the caller's transaction. A claim runs in a savepoint of
 * its own: {@code INSERT ... ON CONFLICT (scope, key) DO UPDATE ... WHERE expired RETURNING id}
 * under a {@link LockTimeout}. A row returned is the claim, kept (savepoint released). No row: the
 * key is held, and the row is read; then, as after a lock timeout, the savepoint is rolled back,
 * which gives up the row lock {@code ON CONFLICT} took and leaves the caller's transaction as it
 * was, usable.
 */
public final class ResponseStore {

  private static final StoredResponses R = STORED_RESPONSES;

  private ResponseStore() {}

  public static ResponseClaim claim(
      Tx tx, IdempotencyKey key, byte[] fingerprint, long waitMillis, Duration retention)
      throws SQLException {
    Connection c = tx.connection();
    Savepoint savepoint = c.setSavepoint();
    try {
      String previous = LockTimeout.set(tx, waitMillis);
      Long id = insert(tx.dsl(), key, fingerprint, retention);
      if (id != null) {
        LockTimeout.restore(tx, previous);
        c.releaseSavepoint(savepoint);
        return new ResponseClaim.Claimed(key, id);
      }
      ResponseClaim found = read(tx, key, fingerprint);
      c.rollback(savepoint);
      return found;
    } catch (Throwable t) {
      try {
        c.rollback(savepoint);
      } catch (SQLException e) {
        t.addSuppressed(e);
        throw t;
      }
      if (Failures.hasState(t, "55P03")) { // the holder did not end within the wait
        return new ResponseClaim.InFlight(key);
      }
      throw t;
    }
  }

  /** The claim's id, or {@code null} when another (or this) transaction holds the key. */
  private static @Nullable Long insert(
      DSLContext dsl, IdempotencyKey key, byte[] fingerprint, Duration retention) {
    Field<OffsetDateTime> expiresAt = DbClock.NOW.plus(val(DayToSecond.valueOf(retention)));
    return dsl.insertInto(R)
        .set(R.SCOPE, key.scope())
        .set(R.KEY, key.key())
        .set(R.FINGERPRINT, fingerprint)
        .set(R.EXPIRES_AT, expiresAt)
        .onConflict(R.SCOPE, R.KEY)
        .doUpdate() // an expired key is taken over as if new
        .set(R.FINGERPRINT, fingerprint)
        .setNull(R.STATUS)
        .setNull(R.CONTENT_TYPE)
        .setNull(R.BODY)
        .set(R.CREATED_AT, DbClock.NOW)
        .set(R.EXPIRES_AT, expiresAt)
        .where(R.EXPIRES_AT.le(DbClock.NOW))
        .returningResult(R.ID)
        .fetchOne(Record1::value1);
  }

  /**
   * What the key holds: the stored response, another request's key, or (status null: a claim not
   * yet completed, which only the claiming transaction itself can see) a key in flight.
   */
  private static ResponseClaim read(Tx tx, IdempotencyKey key, byte[] fingerprint) {
    var row =
        tx.dsl()
            .select(R.FINGERPRINT, R.STATUS, R.CONTENT_TYPE, R.BODY)
            .from(R)
            .where(R.SCOPE.eq(key.scope()).and(R.KEY.eq(key.key())))
            .fetchSingle();
    if (!Arrays.equals(row.value1(), fingerprint)) {
      return new ResponseClaim.KeyReused(key);
    }
    if (row.value2() == null || row.value4() == null) {
      return new ResponseClaim.InFlight(key);
    }
    tx.replayed(true);
    return new ResponseClaim.Replay(new StoredResponse(row.value2(), row.value3(), row.value4()));
  }

  /**
   * Stores the response on the claim, which must be this transaction's and not yet completed;
   * returns the rows stored: 1.
   */
  public static int complete(Tx tx, ResponseClaim.Claimed claim, StoredResponse response) {
    int stored =
        tx.dsl()
            .update(R)
            .set(R.STATUS, response.status())
            .set(R.CONTENT_TYPE, response.contentType())
            .set(R.BODY, response.body())
            .where(R.ID.eq(claim.id()))
            .and(R.SCOPE.eq(claim.key().scope()))
            .and(R.KEY.eq(claim.key().key()))
            .and(R.STATUS.isNull())
            .execute();
    if (stored != 1) {
      throw new InvalidArgumentException(
          "claim "
              + claim
              + " is not an open claim of this transaction: it was completed already, or rolled"
              + " back, or made in another transaction");
    }
    return stored;
  }

  /** Deletes stored responses whose retention has passed; returns how many. */
  public static int purgeExpired(DSLContext dsl) {
    return dsl.deleteFrom(R).where(R.EXPIRES_AT.le(DbClock.NOW)).execute();
  }
}
