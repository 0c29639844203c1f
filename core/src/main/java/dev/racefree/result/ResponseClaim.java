package dev.racefree.result;

import dev.racefree.IdempotencyKey;
import dev.racefree.Responses;
import dev.racefree.StoredResponse;

/**
 * The outcome of {@link Responses#claim}: this request may run (and must store its response before
 * its transaction commits), a response is already stored for it, its key was used for another
 * request, or another transaction holds the key past the wait. Only {@link Claimed} holds anything
 * in the caller's transaction; the others leave it as it was.
 */
public sealed interface ResponseClaim {

  /**
   * The key is this transaction's: run the request in the same transaction, then {@link
   * Responses#complete} it before the commit. A rollback gives the key up, and a repeat runs again.
   *
   * @param key the key claimed
   * @param id the claim's row, for {@link Responses#complete}
   */
  record Claimed(IdempotencyKey key, long id) implements ResponseClaim {}

  /** The same request ran before and its response is stored: answer with it (HTTP: as it was). */
  record Replay(StoredResponse response) implements ResponseClaim {}

  /** The key was used for another request (another fingerprint): HTTP 422. */
  record KeyReused(IdempotencyKey key) implements ResponseClaim {}

  /**
   * Another transaction holds the key and did not end within the wait (or this very transaction
   * claimed it and has not completed it): HTTP 409. A retry later gets the stored response.
   */
  record InFlight(IdempotencyKey key) implements ResponseClaim {}
}
