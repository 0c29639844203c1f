package dev.racefree.it;

import dev.racefree.LockPolicy;
import dev.racefree.Racefree;
import dev.racefree.RetryPolicy;
import dev.racefree.result.Retried;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CyclicBarrier;

/**
 * A real deadlock by construction: two retried transactions lock accounts {@code a} and {@code b}
 * in opposite order, each moving 1 from its first to its second, and wait for each other between
 * the two locks on their first attempt only (the barrier is passed once per thread). PostgreSQL
 * breaks the deadlock and the victim retries; its retry may take the freed row before the winner
 * does and deadlock once more, so a race takes three attempts or more in all.
 */
final class OppositeLocks {

  private OppositeLocks() {}

  static List<Retried<Object>> race(Racefree rf, long a, long b) throws Exception {
    CyclicBarrier bothHoldOne = new CyclicBarrier(2);
    RetryPolicy policy =
        RetryPolicy.attempts(5).withBackoff(Duration.ofMillis(1), Duration.ofMillis(10));
    return Race.run(
        2,
        (t, barrier) -> {
          long first = t == 0 ? a : b;
          long second = t == 0 ? b : a;
          boolean[] waited = {false};
          return rf.inTransaction(
              policy,
              tx -> {
                tx.accounts()
                    .withLock(first, LockPolicy.waitIndefinitely(), locked -> locked.debit(1));
                if (!waited[0]) {
                  waited[0] = true;
                  try {
                    Race.together(bothHoldOne);
                  } catch (Exception e) {
                    throw new AssertionError(e);
                  }
                }
                return tx.accounts()
                    .withLock(second, LockPolicy.waitIndefinitely(), locked -> locked.credit(1));
              });
        });
  }
}
