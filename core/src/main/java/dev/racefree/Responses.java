package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.NoCallerTransactionException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.keys.ResponseStore;
import dev.racefree.internal.keys.Sha256;
import dev.racefree.internal.runner.Instance;
import dev.racefree.result.ResponseClaim;
import java.time.Duration;

/**
 * Stored HTTP responses, for {@code Idempotency-Key} handling (IETF draft
 * draft-ietf-httpapi-idempotency-key-header: 400 when the key is missing, 409 while the same key is
 * in flight, 422 when the key is reused for another request). A web filter opens a transaction,
 * {@link #claim}s the request's key in it, runs the handler in the same transaction, {@link
 * #complete}s the claim with the response, and commits: the handler's writes and the stored
 * response commit together or not at all.
 *
 * <pre>{@code
 * switch (rf.responses().claim(key, requestBytes, Duration.ofSeconds(5))) {
 *   case ResponseClaim.Claimed c -> { ...handle...; rf.responses().complete(c, response); }
 *   case ResponseClaim.Replay r -> ...answer r.response()...
 *   case ResponseClaim.KeyReused k -> ...422...
 *   case ResponseClaim.InFlight f -> ...409...
 * }
 * }</pre>
 *
 * <p>A duplicate that arrives while the first is running blocks on the key's unique index until the
 * first transaction ends (at most {@code wait}): after a commit it replays the stored response,
 * after a rollback it claims the key and runs. So N concurrent duplicates run the handler once and
 * all get its response. No in-memory lock and no lock row with a time limit: the claim's row lock
 * ends with commit, rollback or a lost connection.
 *
 * <p>A transaction that claimed a key must complete it before it commits: the database refuses to
 * commit a claim without its response (SQLState 23000, checked at commit), so no one ever reads a
 * claim that will never be answered. Claims run at READ COMMITTED, PostgreSQL's default; under
 * REPEATABLE READ or SERIALIZABLE a duplicate that waited for the first fails with a serialization
 * failure, as {@code INSERT ... ON CONFLICT} does there. Stored responses expire after the key
 * retention ({@link Racefree#withKeyRetention}); then the key runs as new. {@link
 * Racefree#purgeExpiredKeys} deletes them.
 */
public final class Responses {

  /** The longest wait for a concurrent holder of the same key. */
  public static final Duration MAX_WAIT = Duration.ofMinutes(10);

  private final Instance instance;

  Responses(Instance instance) {
    this.instance = instance;
  }

  /**
   * Claims {@code key} for the request {@code fingerprint} describes, in the transaction the caller
   * opened: a {@link CallerTransaction} that answers true, or a connection-bound context ({@code
   * DSL.using(connection)}, jOOQ's {@code cfg.dsl()}) with auto-commit off. The claim runs in a
   * savepoint: whatever it answers, and when it fails, the caller's transaction stays usable.
   *
   * @param fingerprint what makes two requests the same (method, path, body, ...), as the caller
   *     chooses; only its SHA-256 is kept
   * @param wait how long to wait for a concurrent holder of the same key, from 1 ms to {@link
   *     #MAX_WAIT}; then {@link ResponseClaim.InFlight}
   * @throws NoCallerTransactionException outside a transaction the caller opened
   */
  public ResponseClaim claim(IdempotencyKey key, byte[] fingerprint, Duration wait) {
    Check.notNull(key, "key");
    byte[] hash = Sha256.of(Check.notNull(fingerprint, "fingerprint"));
    long millis = waitMillis(Check.notNull(wait, "wait"));
    return instance
        .runner()
        .inCallersTransaction(
            "responses.claim",
            tx -> ResponseStore.claim(tx, key, hash, millis, instance.keyRetention()));
  }

  /**
   * Stores {@code response} for {@code claim}, made in this same transaction: it commits with the
   * transaction, and every repeat of the request gets it.
   *
   * @throws InvalidArgumentException when the claim is not an open claim of this transaction
   *     (completed already, rolled back, or another transaction's)
   * @throws NoCallerTransactionException outside a transaction the caller opened
   */
  public void complete(ResponseClaim.Claimed claim, StoredResponse response) {
    Check.notNull(Check.notNull(claim, "claim").key(), "claim.key");
    if (claim.id() <= 0) {
      throw new InvalidArgumentException("claim.id must be positive, was " + claim.id());
    }
    Check.notNull(response, "response");
    instance
        .runner()
        .inCallersTransaction(
            "responses.complete", tx -> ResponseStore.complete(tx, claim, response));
  }

  private static long waitMillis(Duration wait) {
    if (wait.compareTo(Duration.ofMillis(1)) < 0 || wait.compareTo(MAX_WAIT) > 0) {
      throw new InvalidArgumentException(
          "wait must be between 1 ms and " + MAX_WAIT + ", was " + wait);
    }
    return wait.toMillis();
  }
}
