package dev.racefree.it;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.jooq.impl.DSL.sum;

import dev.racefree.Racefree;
import dev.racefree.result.Captured;
import dev.racefree.result.Held;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.Released;
import dev.racefree.result.TransferResult;
import dev.racefree.result.Transferred;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.DSLContext;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Jepsen's bank test: money moves between a few accounts under heavy concurrency, by transfers and
 * by held transfers captured (in part) or released, while readers take snapshots. Every snapshot
 * must see the exact total, no balance minus holds may go negative, and no deadlock or
 * serialization failure may reach a caller.
 */
@ExtendWith(PostgresExtension.class)
class BankTest {

  static final int ACCOUNTS_N = 8;
  static final int THREADS = 32;
  static final int TRANSFERS = 20_000;
  static final long INITIAL = 1_000;

  @ParameterizedTest
  @EnumSource(Isolation.class)
  void transfers_keep_the_total_and_never_overdraw(Isolation isolation) throws Exception {
    DSLContext dsl = TestDatabase.get().dsl(isolation);
    Racefree rf = Racefree.using(dsl);
    long[] ids = new long[ACCOUNTS_N];
    for (int i = 0; i < ACCOUNTS_N; i++) {
      ids[i] = rf.accounts().open("bank-" + i, "EUR");
      rf.accounts().credit(ids[i], INITIAL);
    }
    long total = ACCOUNTS_N * INITIAL;
    AtomicInteger next = new AtomicInteger();
    AtomicInteger transferred = new AtomicInteger();
    AtomicInteger rejected = new AtomicInteger();
    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger reads = new AtomicInteger();
    AtomicInteger holdOps = new AtomicInteger();
    Queue<long[]> holds = new ConcurrentLinkedQueue<>();
    Instant tomorrow = Instant.now().plus(1, ChronoUnit.DAYS);

    ExecutorService pool = Executors.newFixedThreadPool(THREADS + 2);
    try {
      DSLContext reader = TestDatabase.get().dsl; // each statement reads one snapshot at any level
      List<Future<?>> readers =
          List.of(
              pool.submit(() -> read(reader, total, done, reads)),
              pool.submit(() -> read(reader, total, done, reads)));
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        writers.add(
            pool.submit(() -> {
              ThreadLocalRandom random = ThreadLocalRandom.current();
              while (next.getAndIncrement() < TRANSFERS) {
                int a = random.nextInt(ACCOUNTS_N);
                int b = (a + 1 + random.nextInt(ACCOUNTS_N - 1)) % ACCOUNTS_N;
                // Every fourth transfer goes between the first two accounts, both ways at once.
                if (random.nextInt(4) == 0) {
                  a = random.nextBoolean() ? 0 : 1;
                  b = 1 - a;
                }
                int amount = 1 + random.nextInt(120);
                switch (random.nextInt(8)) {
                  case 0 -> { // a held transfer, captured or released later by whoever takes it
                    if (rf.holds().holdTransfer(ids[a], ids[b], amount, tomorrow)
                        instanceof Held h) {
                      holds.add(new long[] {h.holdId(), amount});
                    }
                    holdOps.incrementAndGet();
                  }
                  case 1 -> { // capture part of a held transfer: it moves to the hold's target
                    long[] h = holds.poll();
                    if (h != null) {
                      assertThat(rf.holds().capture(h[0], 1 + random.nextLong(h[1])))
                          .isInstanceOf(Captured.class);
                    }
                    holdOps.incrementAndGet();
                  }
                  case 2 -> {
                    long[] h = holds.poll();
                    if (h != null) {
                      assertThat(rf.holds().release(h[0])).isInstanceOf(Released.class);
                    }
                    holdOps.incrementAndGet();
                  }
                  default -> {
                    TransferResult r = rf.accounts().transfer(ids[a], ids[b], amount);
                    switch (r) {
                      case Transferred x -> transferred.incrementAndGet();
                      case InsufficientFunds x -> rejected.incrementAndGet();
                      default -> throw new AssertionError(r);
                    }
                  }
                }
              }
              return null;
            }));
      }
      for (Future<?> w : writers) {
        w.get(5, TimeUnit.MINUTES); // an exception reaching a caller fails here
      }
      done.set(true);
      for (Future<?> r : readers) {
        r.get(1, TimeUnit.MINUTES);
      }
    } finally {
      done.set(true);
      pool.shutdownNow();
      pool.awaitTermination(2, TimeUnit.MINUTES); // a failure above is the one to report
    }

    assertThat(transferred.get() + rejected.get() + holdOps.get()).isEqualTo(TRANSFERS);
    assertThat(transferred.get()).isGreaterThan(TRANSFERS / 3);
    assertThat(holdOps.get()).isPositive();
    assertThat(reads.get()).isPositive();
    assertThat(dsl.select(sum(ACCOUNTS.BALANCE)).from(ACCOUNTS).fetchSingle().value1().longValue())
        .isEqualTo(total);
    assertThat(rf.verify().isClean()).isTrue();
  }

  private static Void read(DSLContext dsl, long total, AtomicBoolean done, AtomicInteger reads) {
    while (!done.get()) {
      var snapshot = dsl.select(ACCOUNTS.BALANCE, ACCOUNTS.HELD).from(ACCOUNTS).fetch();
      assertThat(snapshot.stream().mapToLong(r -> r.value1()).sum()).isEqualTo(total);
      assertThat(snapshot).allMatch(r -> r.value1() - r.value2() >= 0); // holds never overdraw
      reads.incrementAndGet();
    }
    return null;
  }
}
