package dev.racefree.internal.batch;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.exception.RacefreeException;
import dev.racefree.internal.keys.StoredOutcome;
import dev.racefree.internal.money.LockedRows;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.sql.DbClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One batch in one transaction: claim its keys, lock every account it touches in ascending id
 * order, apply each request in arrival order against what the ones before it left (each checked
 * exactly as the single operation checks it; a refusal or a bad request, a repeated unique
 * reference included ({@link BatchPostings}), is that request's own answer), write all balances and
 * entries set-based, keep the keys' outcomes. The caller commits, then runs what this returns to
 * answer the requests; a failure anywhere fails the whole batch.
 */
public final class BatchRun {

  private final LockedRows rows;
  private final BatchBook book = new BatchBook();
  private final BatchKeys keys;
  private final IdentityHashMap<BatchRequest<?>, Object> results = new IdentityHashMap<>();
  // Per key's first request: the request of this batch whose outcome the key keeps.
  private final IdentityHashMap<BatchRequest<?>, BatchRequest<?>> keepers = new IdentityHashMap<>();

  private BatchRun(LockedRows rows, BatchKeys keys) {
    this.rows = rows;
    this.keys = keys;
  }

  public static List<Runnable> run(Tx tx, List<BatchRequest<?>> requests, Duration retention) {
    BatchKeys keys = BatchKeys.claim(tx, requests, retention);
    List<Long> accounts = new ArrayList<>();
    for (BatchRequest<?> r : requests) {
      if (!(keys.of(r) instanceof BatchClaim.Replay)) {
        accounts.addAll(r.accounts());
      }
    }
    BatchRun run = new BatchRun(LockedRows.lock(tx, accounts), keys);
    run.book.postings(
        BatchPostings.read(
            tx,
            requests.stream().filter(r -> !(keys.of(r) instanceof BatchClaim.Replay)).toList()));
    if (requests.stream().anyMatch(BatchHold.class::isInstance)) {
      run.book.clock(tx.dsl().select(DbClock.NOW).fetchSingle().value1());
    }
    List<Runnable> answers = new ArrayList<>(requests.size());
    for (BatchRequest<?> r : requests) {
      answers.add(run.answer(r));
    }
    run.book.write(tx);
    keys.store(tx);
    return answers;
  }

  private <R> Runnable answer(BatchRequest<R> r) {
    BatchClaim claim = keys.of(r);
    r.replayed(claim instanceof BatchClaim.Replay); // each attempt decides afresh
    return switch (claim) {
      case BatchClaim.Follow follow -> follow(r, follow.leader());
      case BatchClaim.Replay replay -> r.settle(r.replay(replay.stored()));
      case BatchClaim.Conflict conflict -> r.fail(conflict.e());
      case BatchClaim.Run run -> execute(r, run.keyId(), r);
      case null -> execute(r, null, r);
    };
  }

  /**
   * A repeat of an earlier request's key inside the batch (the same request: another would be a
   * conflict): what the key decided for the first one holds for it too. A stored outcome replays; a
   * conflict is a conflict; a key taken here replays what a request of this batch keeps under it,
   * once written, or, when none keeps anything yet, it is judged again under the key, as a repeat
   * after the batch would be.
   */
  private <R> Runnable follow(BatchRequest<R> r, BatchRequest<?> leader) {
    return switch (keys.of(leader)) {
      case BatchClaim.Replay replay -> {
        r.replayed(true);
        yield r.settle(r.replay(replay.stored()));
      }
      case BatchClaim.Conflict conflict -> r.fail(conflict.e());
      case BatchClaim.Run run -> {
        BatchRequest<?> keeper = keepers.get(leader);
        if (keeper == null) {
          yield execute(r, run.keyId(), leader);
        }
        r.replayed(true);
        yield r.settleLater(() -> r.replay(Objects.requireNonNull(kept(keeper))));
      }
      case BatchClaim.Follow follow ->
          throw new InternalErrorException("a key's first request follows another");
      case null -> throw new InternalErrorException("a key's first request has no claim");
    };
  }

  /** What {@code keeper} got, as its key keeps it: only once the batch is written. */
  private <R> @Nullable StoredOutcome kept(BatchRequest<R> keeper) {
    Object led = results.get(keeper);
    if (led == null) {
      return null;
    }
    @SuppressWarnings("unchecked") // results holds each request's own result
    R result = (R) led;
    return StoredOutcome.of(keeper.resolve(result));
  }

  /**
   * Applies {@code r}, under {@code keyId} when keyed; {@code leader} is the first request of its
   * key, whose repeats follow what {@code r} keeps.
   */
  private <R> Runnable execute(BatchRequest<R> r, @Nullable Long keyId, BatchRequest<?> leader) {
    R result;
    try {
      result = r.apply(rows, book, keyId);
    } catch (RacefreeException e) { // this request's own failure (an overflow): not the batch's
      if (keyId != null) {
        keys.ran(keyId, null);
      }
      return r.fail(e);
    }
    results.put(r, result);
    if (keyId != null) {
      keys.ran(keyId, () -> r.resolve(result));
      if (StoredOutcome.of(result) != null) {
        keepers.put(leader, r);
      }
    }
    return r.settle(result);
  }
}
