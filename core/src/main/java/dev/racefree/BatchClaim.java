package dev.racefree;

import dev.racefree.exception.IdempotencyConflictException;

/** How a batched request's idempotency key decided it ({@link BatchKeys}). */
sealed interface BatchClaim {

  /** Run it, journaled under this key id. */
  record Run(long keyId) implements BatchClaim {}

  /** Its key was used before: this is what it returned. */
  record Replay(StoredOutcome stored) implements BatchClaim {}

  /** Another request took its key. */
  record Conflict(IdempotencyConflictException e) implements BatchClaim {}

  /** An earlier request of the batch has the same key and request: it gets what that one got. */
  record Follow(BatchRequest<?> leader) implements BatchClaim {}
}
