package dev.racefree.exception;

import dev.racefree.IdempotencyKey;

/**
 * An idempotency key was used again with a different request (another operation, account or
 * amount). Nothing was executed; the key keeps the outcome of its first request.
 */
public final class IdempotencyConflictException extends RacefreeException {

  public IdempotencyConflictException(IdempotencyKey key) {
    super(
        "idempotency key '"
            + key.key()
            + "' in scope '"
            + key.scope()
            + "' was already used for a different request");
  }
}
