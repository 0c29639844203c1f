package dev.racefree.spring.feed;

import dev.racefree.ChangeCursor;
import dev.racefree.ChangePage;
import dev.racefree.LedgerEntry;
import dev.racefree.Racefree;
import dev.racefree.spring.ChangeHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Polls the change feed for one {@link ChangeHandler} on a thread of its own: reads pages, each in
 * a transaction with the handler's work and the stored cursor, until caught up, then waits the poll
 * interval. A failure (the handler's or the database's) is counted and logged, and the next poll
 * reads the same page again.
 */
public final class ChangeFeedRunner {

  private static final System.Logger LOG = System.getLogger(ChangeFeedRunner.class.getName());

  private final Racefree racefree;
  private final ChangeHandler handler;
  private final String consumer;
  private final TransactionTemplate transactions;
  private final RacefreeFeedProperties properties;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition wake = lock.newCondition();
  private final LongAdder delivered = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private volatile double lagSeconds;
  private volatile long behind;
  private volatile @Nullable ChangeCursor cursor;
  private volatile boolean running;
  private @Nullable Thread thread;

  ChangeFeedRunner(
      Racefree racefree,
      ChangeHandler handler,
      TransactionTemplate transactions,
      RacefreeFeedProperties properties) {
    this.racefree = racefree;
    this.handler = handler;
    this.consumer = handler.consumer();
    this.transactions = transactions;
    this.properties = properties;
  }

  /** The consumer's name. */
  public String consumer() {
    return consumer;
  }

  /** Entries handled and committed since start. */
  public long delivered() {
    return delivered.sum();
  }

  /** Polls that failed since start. */
  public long failures() {
    return failures.sum();
  }

  /**
   * Seconds from the newest entry of the last page handled to its handling (0 when the last poll
   * found nothing new): the feed's delay at its last delivery.
   */
  public double lagSeconds() {
    return lagSeconds;
  }

  /** The entries committed but not yet handled, counted when the last poll began. */
  public long behind() {
    return behind;
  }

  void start() {
    lock.lock();
    try {
      if (running) {
        return;
      }
      running = true;
      Thread t = new Thread(this::loop, "racefree-feed-" + consumer);
      t.setDaemon(true);
      thread = t;
      t.start();
    } finally {
      lock.unlock();
    }
  }

  /** Stops after the page in hand; waits up to {@code timeout} for the thread to end. */
  void stop(Duration timeout) {
    Thread t;
    lock.lock();
    try {
      running = false;
      wake.signalAll();
      t = thread;
      thread = null;
    } finally {
      lock.unlock();
    }
    if (t != null) {
      try {
        t.join(timeout);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  boolean isRunning() {
    return running;
  }

  private void loop() {
    while (running) {
      try {
        poll();
      } catch (RuntimeException e) {
        failures.increment();
        LOG.log(System.Logger.Level.WARNING, "change feed consumer " + consumer + " failed", e);
      }
      await(properties.pollInterval());
    }
  }

  /** Reads and handles pages until one is caught up. */
  void poll() {
    ChangeCursor at = cursor;
    if (at != null) {
      behind = racefree.ledger().pending(at);
    }
    ChangePage page;
    do {
      page =
          transactions.execute(status ->
              racefree
                  .ledger()
                  .consume(consumer, properties.pageSize(), (p, tx) -> handler.handle(p)));
      if (page == null) {
        throw new IllegalStateException("the transaction template returned no page");
      }
      cursor = page.next();
      delivered.add(page.entries().size());
      lagSeconds = page.entries().isEmpty() ? 0 : lag(page);
      if (at == null) {
        behind = page.caughtUp() ? 0 : racefree.ledger().pending(page.next());
        at = page.next();
      }
    } while (running && !page.caughtUp());
  }

  private static double lag(ChangePage page) {
    Instant newest = Instant.MIN;
    for (LedgerEntry e : page.entries()) {
      if (e.writtenAt().isAfter(newest)) {
        newest = e.writtenAt();
      }
    }
    return Math.max(0, Duration.between(newest, Instant.now()).toNanos() / 1e9);
  }

  private void await(Duration interval) {
    lock.lock();
    try {
      long nanos = interval.toNanos();
      while (running && nanos > 0) {
        nanos = wake.awaitNanos(nanos);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      running = false;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "ChangeFeedRunner[" + consumer + "]";
  }
}
