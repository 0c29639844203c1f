package dev.racefree.internal.runner;

import java.time.Duration;

/**
 * What one {@code Racefree} instance runs with: the runner of its operations and its per-instance
 * settings, handed to every part of the API as one object.
 *
 * @param runner runs each operation in the right transaction
 * @param keyRetention how long an idempotency key replays its outcome
 */
public record Instance(OperationRunner runner, Duration keyRetention) {

  /** The same settings on {@code other}. */
  public Instance on(OperationRunner other) {
    return new Instance(other, keyRetention);
  }
}
