package dev.racefree.internal.batch;

import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.internal.keys.StoredOutcome;

/** How a batched request's idempotency key decided it ({@link BatchKeys}). */
public sealed interface BatchClaim {

  /** Run it, journaled under this key id. */
  public record Run(long keyId) implements BatchClaim {}

  /** Its key was used before: this is what it returned. */
  public record Replay(StoredOutcome stored) implements BatchClaim {}

  /** Another request took its key. */
  public record Conflict(IdempotencyConflictException e) implements BatchClaim {}

  /** An earlier request of the batch has the same key and request: it gets what that one got. */
  public record Follow(BatchRequest<?> leader) implements BatchClaim {}
}
