package dev.racefree;

import dev.racefree.exception.RacefreeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One batch in one transaction: claim its keys, lock every account it touches in ascending id
 * order, apply each request in arrival order against what the ones before it left (each checked
 * exactly as the single operation checks it; a refusal or a bad request is that request's own
 * answer), write all balances and entries set-based, keep the keys' outcomes. The caller commits,
 * then runs what this returns to answer the requests; a failure anywhere fails the whole batch.
 */
final class BatchRun {

  private final LockedRows rows;
  private final BatchBook book = new BatchBook();
  private final BatchKeys keys;
  private final IdentityHashMap<BatchRequest<?>, Object> results = new IdentityHashMap<>();

  private BatchRun(LockedRows rows, BatchKeys keys) {
    this.rows = rows;
    this.keys = keys;
  }

  static List<Runnable> run(Tx tx, List<BatchRequest<?>> requests, Duration retention) {
    BatchKeys keys = BatchKeys.claim(tx, requests, retention);
    List<Long> accounts = new ArrayList<>();
    for (BatchRequest<?> r : requests) {
      if (!(keys.of(r) instanceof BatchClaim.Replay)) {
        accounts.addAll(r.accounts());
      }
    }
    BatchRun run = new BatchRun(LockedRows.lock(tx, accounts), keys);
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
    if (claim instanceof BatchClaim.Follow follow) {
      Object led = results.get(follow.leader());
      StoredOutcome stored = led == null ? null : StoredOutcome.of(led);
      if (stored != null) {
        return r.settle(r.replay(stored));
      }
      claim = null; // what the first one got is not kept: judged again, as a repeat would be
    }
    return switch (claim) {
      case BatchClaim.Replay replay -> r.settle(r.replay(replay.stored()));
      case BatchClaim.Conflict conflict -> r.fail(conflict.e());
      case BatchClaim.Run run -> execute(r, run.keyId());
      case null -> execute(r, null);
      case BatchClaim.Follow follow -> throw new IllegalStateException("handled above");
    };
  }

  private <R> Runnable execute(BatchRequest<R> r, @Nullable Long keyId) {
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
      keys.ran(keyId, result);
    }
    return r.settle(result);
  }
}
