package dev.racefree.lab.chaos;

import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.exception.ConnectionLostException;
import dev.racefree.exception.ConnectionUnavailableException;
import dev.racefree.exception.RacefreeException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * One chaos client: sends keyed debits, credits and transfers until the deadline; a call that ends
 * with a lost connection (its outcome unknown) is replayed with its key until it is known.
 */
final class ChaosClient {

  private static final List<Op.Kind> KINDS =
      List.of(Op.Kind.DEBIT, Op.Kind.CREDIT, Op.Kind.TRANSFER);

  /** Replays of one unknown outcome before the client gives up on the run. */
  static final int MAX_REPLAYS = 1_000;

  private ChaosClient() {}

  static List<Outcome> run(
      Racefree rf,
      int client,
      long firstId,
      int accounts,
      long deadlineNanos,
      long seed,
      Recovery recovery) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Outcome> outcomes = new ArrayList<>();
    for (long n = 0; System.nanoTime() < deadlineNanos; n++) {
      long a = firstId + random.nextInt(accounts);
      long b = firstId + (a - firstId + 1 + random.nextInt(accounts - 1)) % accounts;
      Op.Kind kind = KINDS.get(random.nextInt(KINDS.size()));
      Op op =
          new Op(kind, a, b, 1 + random.nextInt(500), IdempotencyKey.of("chaos", client + "-" + n));
      outcomes.add(resolve(rf, op, recovery));
    }
    return outcomes;
  }

  /** Sends {@code op}, and again with its key while the outcome is unknown. */
  static Outcome resolve(Racefree rf, Op op) {
    return resolve(rf, op, new Recovery());
  }

  private static Outcome resolve(Racefree rf, Op op, Recovery recovery) {
    for (int attempt = 0; ; attempt++) {
      try {
        long sent = System.nanoTime();
        Object result = op.send(rf);
        if (Op.entries(result) > 0) {
          recovery.written(sent);
        }
        return new Outcome(op, result, attempt > 0, attempt);
      } catch (ConnectionLostException | ConnectionUnavailableException unknown) {
        if (attempt >= MAX_REPLAYS) {
          throw new IllegalStateException("op " + op + " stayed unknown after " + attempt, unknown);
        }
        LockSupport.parkNanos(1_000_000L * Math.min(attempt + 1, 50)); // back off, not a sync
      } catch (RacefreeException other) {
        throw new IllegalStateException("op " + op + " failed: " + other, other);
      }
    }
  }
}
