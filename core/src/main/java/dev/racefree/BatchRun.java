package dev.racefree;

import dev.racefree.exception.RacefreeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
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
      case BatchClaim.Run run -> execute(r, run.keyId());
      case null -> execute(r, null);
    };
  }

  /**
   * A repeat of an earlier request's key inside the batch: it gets what the first one got, once
   * written, when that is kept; otherwise it is judged again, as a repeat after the batch would be.
   */
  private <R> Runnable follow(BatchRequest<R> r, BatchRequest<?> leader) {
    Object applied = results.get(leader);
    if (applied != null && StoredOutcome.of(applied) != null) {
      r.replayed(true);
      return r.settleLater(() -> r.replay(Objects.requireNonNull(led(leader))));
    }
    return execute(r, null);
  }

  /**
   * What an earlier request of the batch got, as it is kept under its key, if it ran: only once the
   * batch is written (a hold's id is known then).
   */
  private <R> @Nullable StoredOutcome led(BatchRequest<R> leader) {
    Object led = results.get(leader);
    if (led == null) {
      return null;
    }
    @SuppressWarnings("unchecked") // results holds each request's own result
    R result = (R) led;
    return StoredOutcome.of(leader.resolve(result));
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
      keys.ran(keyId, () -> r.resolve(result));
    }
    return r.settle(result);
  }
}
