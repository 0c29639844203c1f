package dev.racefree.internal.holds;

import dev.racefree.IdempotencyKey;
import dev.racefree.Posting;
import dev.racefree.exception.UnknownAccountException;
import dev.racefree.internal.keys.Idempotency;
import dev.racefree.internal.keys.KeyedOperation;
import dev.racefree.internal.runner.Instance;
import dev.racefree.internal.runner.OperationRunner;
import dev.racefree.result.CaptureResult;
import dev.racefree.result.HoldResult;
import dev.racefree.result.ReleaseResult;
import dev.racefree.result.SameAccount;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * The hold operations behind {@code rf.holds()} and batched holds, on checked arguments: each runs
 * as one operation of {@link OperationRunner}, with or without an idempotency key.
 */
public final class HoldOperations {

  private final Instance instance;

  public HoldOperations(Instance instance) {
    this.instance = instance;
  }

  /**
   * Opens a hold on {@code from}, or a held transfer to {@code to} when it is not null, described
   * by {@code posting}: all or nothing when the posting's unique reference must be checked after
   * the hold's statement.
   */
  public HoldResult open(
      long from,
      @Nullable Long to,
      long amount,
      OffsetDateTime until,
      Posting posting,
      @Nullable IdempotencyKey key) {
    if (to != null && from == to) {
      return new SameAccount(from);
    }
    String operation = to == null ? "holds.hold" : "holds.holdTransfer";
    if (key == null) {
      OperationRunner.Work<HoldResult> work =
          tx -> HoldOpening.holdOrTransfer(tx, from, to, amount, until, posting);
      return posting.uniqueReference()
          ? instance.runner().atomically(operation, work)
          : instance.runner().run(operation, work);
    }
    return Idempotency.run(
        instance,
        operation,
        key,
        KeyedOperation.hold(from, to, amount, until, posting),
        (tx, stored) -> stored.asHold(),
        (tx, keyId) -> HoldOpening.holdOrTransfer(tx, from, to, amount, until, posting));
  }

  /**
   * Captures {@code amount} of the hold: its entries carry {@code posting}, or, when that is empty,
   * the posting the hold was opened with.
   */
  public CaptureResult capture(
      long holdId, long amount, Posting posting, @Nullable IdempotencyKey key) {
    if (key == null) {
      return instance
          .runner()
          .atomically("holds.capture", tx -> HoldEnds.capture(tx, holdId, amount, posting, null));
    }
    return Idempotency.run(
        instance,
        "holds.capture",
        key,
        KeyedOperation.CAPTURE.fingerprint(posting, holdId, amount),
        (tx, stored) -> stored.asCapture(),
        (tx, keyId) -> HoldEnds.capture(tx, holdId, amount, posting, keyId));
  }

  public ReleaseResult release(long holdId) {
    return instance.runner().run("holds.release", tx -> HoldEnds.release(tx, holdId));
  }

  public long available(long accountId) {
    return instance
        .runner()
        .run(
            "holds.available",
            tx ->
                HoldEnds.available(tx, accountId)
                    .orElseThrow(() -> new UnknownAccountException(accountId)));
  }

  public int sweepExpired() {
    return instance
        .runner()
        .steps(
            "holds.sweepExpired",
            on -> {
              int swept = 0;
              for (long id : on.run("holds.sweepExpired", HoldEnds::withLapsedHolds)) {
                swept += on.run("holds.sweepExpired", tx -> HoldEnds.sweep(tx, id));
              }
              return swept;
            });
  }
}
