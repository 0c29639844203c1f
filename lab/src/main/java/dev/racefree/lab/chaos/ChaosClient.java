package dev.racefree.lab.chaos;

import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.exception.ConnectionLostException;
import dev.racefree.exception.ConnectionUnavailableException;
import dev.racefree.exception.RacefreeException;
import dev.racefree.result.Held;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * One chaos client: sends keyed debits, credits, transfers, holds (each captured in part right
 * after) and redemptions of tokens every client races for, until the deadline; a call that ends
 * with a lost connection (its outcome unknown) is sent again, the very same request, until its
 * outcome is known.
 */
final class ChaosClient {

  private static final int KINDS = 5;

  /** Replays of one unknown outcome before the client gives up on the run. */
  static final int MAX_REPLAYS = 1_000;

  private ChaosClient() {}

  static List<Resolution> run(
      Racefree rf,
      int client,
      long firstId,
      int accounts,
      List<String> tokens,
      long deadlineNanos,
      long seed,
      Recovery recovery) {
    SplittableRandom random = new SplittableRandom(seed);
    List<Resolution> resolutions = new ArrayList<>();
    for (long n = 0; System.nanoTime() < deadlineNanos; n++) {
      long a = firstId + random.nextInt(accounts);
      long b = firstId + (a - firstId + 1 + random.nextInt(accounts - 1)) % accounts;
      long amount = 1L + random.nextInt(500);
      IdempotencyKey key = IdempotencyKey.of("chaos", client + "-" + n);
      Op op =
          switch (random.nextInt(KINDS)) {
            case 0 -> new Op.Single(false, a, amount, key);
            case 1 -> new Op.Single(true, a, amount, key);
            case 2 -> new Op.Transfer(a, b, amount, key);
            case 3 -> new Op.Hold(a, amount, key);
            default -> new Op.Redeem(tokens.get(random.nextInt(tokens.size())), "client-" + client);
          };
      Resolution resolution = resolve(rf, op, recovery);
      resolutions.add(resolution);
      if (resolution.result()
          instanceof Held held) { // captured at once, deadline or not: none stays
        long part = 1L + random.nextInt((int) amount);
        IdempotencyKey captureKey = IdempotencyKey.of("chaos", client + "-" + n + "-capture");
        resolutions.add(resolve(rf, new Op.Capture(held.holdId(), a, part, captureKey), recovery));
      }
    }
    return resolutions;
  }

  /** Sends {@code op}, and again with its key while the outcome is unknown. */
  static Resolution resolve(Racefree rf, Op op) {
    return resolve(rf, op, new Recovery());
  }

  private static Resolution resolve(Racefree rf, Op op, Recovery recovery) {
    for (int attempt = 0; ; attempt++) {
      try {
        long sent = System.nanoTime();
        Object result = op.send(rf);
        if (op.entries(result) > 0) {
          recovery.written(sent);
        }
        return new Resolution(op, result, attempt > 0, attempt);
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
