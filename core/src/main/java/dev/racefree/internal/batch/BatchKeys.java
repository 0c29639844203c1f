package dev.racefree.internal.batch;

import static dev.racefree.internal.schema.Tables.IDEMPOTENCY_KEYS;
import static org.jooq.impl.DSL.row;

import dev.racefree.IdempotencyKey;
import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.keys.Idempotency;
import dev.racefree.internal.keys.KeyClaim;
import dev.racefree.internal.keys.StoredOutcome;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.tables.IdempotencyKeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.jooq.Record;
import org.jspecify.annotations.Nullable;

/**
 * The idempotency keys of one batch, claimed with one multi-row {@code INSERT ... ON CONFLICT DO
 * UPDATE ... WHERE expired RETURNING}, in (scope, key) order, before any account is locked, as a
 * single keyed operation claims its key first. A key that was already taken replays its stored
 * outcome, or is a conflict; a key repeated inside the batch follows its first request. Outcomes
 * are kept after the requests ran, as {@link Idempotency} keeps them.
 */
public final class BatchKeys {

  private static final IdempotencyKeys K = IDEMPOTENCY_KEYS;

  private final IdentityHashMap<BatchRequest<?>, BatchClaim> claims = new IdentityHashMap<>();
  private final Map<Long, StoredOutcome> outcomes = new HashMap<>();
  private final List<Long> dropped = new ArrayList<>();
  private final Map<Long, @Nullable Supplier<Object>> ran = new HashMap<>();

  private BatchKeys() {}

  public static BatchKeys claim(Tx tx, List<BatchRequest<?>> requests, Duration retention) {
    BatchKeys keys = new BatchKeys();
    Map<IdempotencyKey, BatchRequest<?>> leaders = new HashMap<>();
    for (BatchRequest<?> r : requests) {
      IdempotencyKey key = r.key();
      if (key == null) {
        continue;
      }
      BatchRequest<?> leader = leaders.putIfAbsent(key, r);
      if (leader != null) {
        keys.claims.put(
            r,
            Arrays.equals(leader.fingerprint(), r.fingerprint())
                ? new BatchClaim.Follow(leader)
                : new BatchClaim.Conflict(new IdempotencyConflictException(key)));
      }
    }
    if (leaders.isEmpty()) {
      return keys;
    }
    List<BatchRequest<?>> ordered = new ArrayList<>(leaders.values());
    ordered.sort(Comparator.comparing(r -> keyOf(r).scope() + '\u0000' + keyOf(r).key()));
    KeyClaim.Rows claim = KeyClaim.of(tx.dsl(), retention);
    for (BatchRequest<?> r : ordered) {
      claim.add(keyOf(r).scope(), keyOf(r).key(), r.fingerprint());
    }
    Map<IdempotencyKey, Long> taken = new HashMap<>();
    claim
        .statement()
        .returningResult(K.ID, K.SCOPE, K.KEY)
        .forEach(k -> taken.put(IdempotencyKey.of(k.value2(), k.value3()), k.value1()));
    List<BatchRequest<?>> used = new ArrayList<>();
    for (BatchRequest<?> r : ordered) {
      Long id = taken.get(keyOf(r));
      if (id != null) {
        keys.claims.put(r, new BatchClaim.Run(id));
      } else {
        used.add(r);
      }
    }
    keys.replays(tx, used);
    return keys;
  }

  /** How {@code r}'s key decided it; {@code null} when it has no key. */
  public @Nullable BatchClaim of(BatchRequest<?> r) {
    return claims.get(r);
  }

  /**
   * Keeps what {@code result} gives (once the batch is written) under the key {@code keyId}, or
   * drops the key when it is not kept; {@code null}: the request failed.
   */
  public void ran(long keyId, @Nullable Supplier<Object> result) {
    ran.put(keyId, result);
  }

  /** Writes the outcomes kept and deletes the keys whose requests kept nothing. */
  public void store(Tx tx) {
    ran.forEach((keyId, result) -> {
      StoredOutcome stored = result == null ? null : StoredOutcome.of(result.get());
      if (stored == null) {
        dropped.add(keyId);
      } else {
        outcomes.put(keyId, stored);
      }
    });
    if (!dropped.isEmpty()) {
      tx.dsl().deleteFrom(K).where(K.ID.in(dropped)).execute();
    }
    if (outcomes.isEmpty()) {
      return;
    }
    tx.dsl()
        .batch(
            outcomes.entrySet().stream()
                .map(e ->
                    tx.dsl()
                        .update(K)
                        .set(K.OUTCOME, e.getValue().outcome())
                        .set(K.BALANCE, e.getValue().balance())
                        .set(K.OTHER_BALANCE, e.getValue().otherBalance())
                        .set(K.HOLD_ID, e.getValue().holdId())
                        .set(K.CORRELATION_ID, e.getValue().correlationId())
                        .where(K.ID.eq(e.getKey())))
                .toList())
        .execute();
  }

  private void replays(Tx tx, List<BatchRequest<?>> used) {
    if (used.isEmpty()) {
      return;
    }
    Map<IdempotencyKey, Record> rows = new HashMap<>();
    tx.dsl()
        .select(
            K.SCOPE,
            K.KEY,
            K.FINGERPRINT,
            K.OUTCOME,
            K.BALANCE,
            K.OTHER_BALANCE,
            K.HOLD_ID,
            K.CORRELATION_ID)
        .from(K)
        .where(
            row(K.SCOPE, K.KEY)
                .in(used.stream().map(r -> row(keyOf(r).scope(), keyOf(r).key())).toList()))
        .forEach(k -> rows.put(IdempotencyKey.of(k.value1(), k.value2()), k));
    for (BatchRequest<?> r : used) {
      Record k = rows.get(keyOf(r));
      if (k == null || k.get(K.OUTCOME) == null) {
        throw new InternalErrorException(
            "idempotency key " + keyOf(r) + " is visible without its outcome");
      }
      if (!Arrays.equals(k.get(K.FINGERPRINT), r.fingerprint())) {
        claims.put(r, new BatchClaim.Conflict(new IdempotencyConflictException(keyOf(r))));
      } else {
        claims.put(
            r,
            new BatchClaim.Replay(
                new StoredOutcome(
                    k.get(K.OUTCOME),
                    k.get(K.BALANCE),
                    k.get(K.OTHER_BALANCE),
                    k.get(K.HOLD_ID),
                    k.get(K.CORRELATION_ID))));
      }
    }
  }

  private static IdempotencyKey keyOf(BatchRequest<?> r) {
    IdempotencyKey key = r.key();
    if (key == null) {
      throw new InternalErrorException("a keyed batch request lost its key");
    }
    return key;
  }
}
