package dev.racefree.lab.feed;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;

import dev.racefree.ChangeCursor;
import dev.racefree.ChangePage;
import dev.racefree.LedgerEntry;
import dev.racefree.Racefree;
import dev.racefree.lab.load.LabAccounts;
import dev.racefree.lab.server.LabServer;
import dev.racefree.result.CreditResult;
import dev.racefree.result.Credited;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.jooq.DSLContext;

/**
 * {@code writers} threads credit 1 to random accounts for {@code duration}; each records when its
 * commit returned, keyed by account and balance after (unique: every credit adds 1). One consumer
 * reads the change feed ({@code Ledger.changes}, pages of {@code pageSize}, waiting {@code poll}
 * when caught up) and records when each entry arrived; another polls by "id above the last seen".
 * After the writers stop, both read until caught up; then every entry in the journal is checked
 * against what each received.
 */
public final class FeedRun {

  /** What a run found. */
  public record Result(
      int writers,
      Duration duration,
      long written,
      long delivered,
      long duplicates,
      long missing,
      long naiveSkipped,
      double writtenPerSecond,
      double deliveredPerSecond,
      long p50Micros,
      long p99Micros,
      long maxMicros,
      long deliveredBeforeAck,
      long pages) {

    /** The feed delivered every entry once. */
    public boolean exactlyOnce() {
      return duplicates == 0 && missing == 0 && delivered == written;
    }

    public void print(PrintWriter out) {
      out.printf(
          "writers %d, %s: %,d entries written (%,.0f/s), %,d delivered by the feed (%,.0f/s while"
              + " writing, %,d pages)%n",
          writers, duration, written, writtenPerSecond, delivered, deliveredPerSecond, pages);
      out.printf(
          "delay from commit to delivery: p50 %.2f ms, p99 %.2f ms, max %.2f ms (%,d entries"
              + " arrived before their writer saw its commit return, counted as 0)%n",
          p50Micros / 1000.0, p99Micros / 1000.0, maxMicros / 1000.0, deliveredBeforeAck);
      out.printf(
          "change feed: %s (%,d duplicates, %,d missing)%n",
          exactlyOnce() ? "every entry exactly once" : "BROKEN", duplicates, missing);
      out.printf(
          "control, polling by id above the last seen: skipped %,d of %,d entries%n",
          naiveSkipped, written);
    }
  }

  private FeedRun() {}

  public static Result run(
      LabServer server, int writers, Duration duration, int accounts, int pageSize, Duration poll)
      throws InterruptedException {
    DSLContext admin = server.admin();
    long[] ids = LabAccounts.open(admin, "feed", accounts, 0);
    long accountBase = Arrays.stream(ids).min().orElse(0);
    ConcurrentHashMap<Long, Long> acked = new ConcurrentHashMap<>();
    ConcurrentHashMap<Long, Long> arrived = new ConcurrentHashMap<>();
    LongAdder duplicates = new LongAdder();
    LongAdder pages = new LongAdder();
    Set<Long> naiveSeen = ConcurrentHashMap.newKeySet();
    Set<Long> delivered = ConcurrentHashMap.newKeySet();
    try (var pool = server.pool(writers + 2)) {
      Racefree rf = Racefree.using(LabServer.dsl(pool));
      DSLContext dsl = LabServer.dsl(pool);
      CountDownLatch writersDone = new CountDownLatch(writers);
      long deadline = System.nanoTime() + duration.toNanos();
      List<Thread> threads = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        threads.add(
            Thread.ofPlatform()
                .name("feed-writer-" + w)
                .start(() -> {
                  try {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    while (System.nanoTime() < deadline) {
                      long account = ids[random.nextInt(ids.length)];
                      CreditResult r = rf.accounts().credit(account, 1);
                      long now = System.nanoTime();
                      if (r instanceof Credited c) {
                        acked.put(key(account - accountBase, c.balance()), now);
                      }
                    }
                  } finally {
                    writersDone.countDown();
                  }
                }));
      }
      Thread feed =
          Thread.ofPlatform()
              .name("feed-consumer")
              .start(() -> {
                ChangeCursor cursor = ChangeCursor.START;
                boolean done = false;
                while (true) {
                  boolean writersEnded = writersDone.getCount() == 0; // before the read
                  ChangePage page = rf.ledger().changes(cursor, pageSize);
                  long now = System.nanoTime();
                  pages.increment();
                  for (LedgerEntry e : page.entries()) {
                    if (!delivered.add(e.id())) {
                      duplicates.increment();
                    }
                    arrived.putIfAbsent(key(e.accountId() - accountBase, e.balanceAfter()), now);
                  }
                  cursor = page.next();
                  if (page.caughtUp()) {
                    if (done) {
                      return;
                    }
                    done = writersEnded;
                    if (!done) {
                      pause(poll);
                    }
                  }
                }
              });
      Thread naive =
          Thread.ofPlatform()
              .name("feed-naive")
              .start(() -> {
                long last = 0;
                while (true) {
                  boolean writersEnded = writersDone.getCount() == 0;
                  List<Long> got =
                      dsl.select(LEDGER_ENTRIES.ID)
                          .from(LEDGER_ENTRIES)
                          .where(LEDGER_ENTRIES.ID.gt(last))
                          .orderBy(LEDGER_ENTRIES.ID)
                          .limit(pageSize)
                          .fetch(LEDGER_ENTRIES.ID);
                  naiveSeen.addAll(got);
                  if (!got.isEmpty()) {
                    last = got.get(got.size() - 1);
                  } else if (writersEnded) {
                    return;
                  } else {
                    pause(poll);
                  }
                }
              });
      long started = System.nanoTime();
      writersDone.await();
      long wrote = System.nanoTime() - started;
      for (Thread t : threads) {
        t.join();
      }
      feed.join();
      naive.join();
      List<Long> all =
          admin
              .select(LEDGER_ENTRIES.ID)
              .from(LEDGER_ENTRIES)
              .where(LEDGER_ENTRIES.ACCOUNT_ID.in(boxed(ids)))
              .fetch(LEDGER_ENTRIES.ID);
      long written = all.size();
      Set<Long> allSet = new HashSet<>(all);
      long naiveSkipped = allSet.stream().filter(id -> !naiveSeen.contains(id)).count();
      long missing = allSet.stream().filter(id -> !delivered.contains(id)).count();
      long[] delays = new long[acked.size()];
      int n = 0;
      long early = 0;
      long deliveredWhileWriting = 0;
      long end = started + wrote;
      for (var e : acked.entrySet()) {
        Long at = arrived.get(e.getKey());
        if (at == null) {
          continue;
        }
        long d = at - e.getValue();
        if (d < 0) {
          early++;
        }
        delays[n++] = Math.max(0, d) / 1000;
      }
      for (long at : arrived.values()) {
        if (at <= end) {
          deliveredWhileWriting++;
        }
      }
      long[] sorted = Arrays.copyOf(delays, n);
      Arrays.sort(sorted);
      double seconds = wrote / 1e9;
      return new Result(
          writers,
          duration,
          written,
          delivered.size(),
          duplicates.sum(),
          missing,
          naiveSkipped,
          written / seconds,
          deliveredWhileWriting / seconds,
          quantile(sorted, 0.50),
          quantile(sorted, 0.99),
          quantile(sorted, 1.0),
          early,
          pages.sum());
    }
  }

  /** The {@code q} quantile (0 to 1) of {@code sorted}, 0 when empty. */
  private static long quantile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
    return sorted[Math.max(0, i)];
  }

  private static long key(long account, long balance) {
    return (account << 40) | balance;
  }

  private static Long[] boxed(long[] ids) {
    Long[] b = new Long[ids.length];
    for (int i = 0; i < ids.length; i++) {
      b[i] = ids[i];
    }
    return b;
  }

  private static void pause(Duration d) {
    if (d.isZero()) {
      Thread.onSpinWait();
      return;
    }
    try {
      TimeUnit.NANOSECONDS.sleep(d.toNanos()); // a poller's interval, not a synchronisation
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
