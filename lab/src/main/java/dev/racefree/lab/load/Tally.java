package dev.racefree.lab.load;

import dev.racefree.exception.DeadlockDetectedException;
import java.sql.SQLException;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * One client's counts and latencies. Only its own thread writes it, so recording costs no
 * synchronisation; the {@link LoadRunner} merges all tallies once the clients are done.
 */
public final class Tally {

  private final Histogram latencyMicros = new Histogram(3);
  private final long @Nullable [] succeededPerAccount;
  private long succeeded;
  private long rejected;
  private long retries;
  private long deadlocks;
  private long errors;
  private @Nullable Throwable firstError;

  /**
   * @param accounts the accounts whose successes are counted one by one, or 0 for none
   */
  public Tally(int accounts) {
    this.succeededPerAccount = accounts > 0 ? new long[accounts] : null;
  }

  public void record(int accountIndex, Outcome outcome) {
    retries += outcome.retries();
    if (outcome.succeeded()) {
      succeeded++;
      if (succeededPerAccount != null) {
        succeededPerAccount[accountIndex]++;
      }
    } else {
      rejected++;
    }
  }

  void failed(Throwable e) {
    if (isDeadlock(e)) {
      deadlocks++;
      return;
    }
    errors++;
    if (firstError == null) {
      firstError = e;
    }
  }

  /**
   * Tells stderr what the first unexpected failure was, so that an error count is never a mystery.
   */
  public void reportFirstError(String where) {
    if (firstError != null) {
      System.err.printf("%s: %,d requests failed; the first with: %s%n", where, errors, firstError);
    }
  }

  void recordLatency(long nanos) {
    latencyMicros.recordValue(Math.max(0, nanos / 1_000));
  }

  public Histogram latencyMicros() {
    return latencyMicros;
  }

  /** Successes on the account at {@code accountIndex}; only when counted per account. */
  public long succeededAt(int accountIndex) {
    if (succeededPerAccount == null) {
      throw new IllegalStateException("this tally does not count per account");
    }
    return succeededPerAccount[accountIndex];
  }

  public long succeeded() {
    return succeeded;
  }

  public long rejected() {
    return rejected;
  }

  public long retries() {
    return retries;
  }

  public long deadlocks() {
    return deadlocks;
  }

  public long errors() {
    return errors;
  }

  public long ops() {
    return succeeded + rejected + deadlocks + errors;
  }

  /** 40P01, whether racefree classified it or it came straight from the driver. */
  static boolean isDeadlock(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof DeadlockDetectedException) {
        return true;
      }
      if (t instanceof SQLException s && "40P01".equals(s.getSQLState())) {
        return true;
      }
    }
    return false;
  }

  void add(Tally other) {
    latencyMicros.add(other.latencyMicros);
    succeeded += other.succeeded;
    rejected += other.rejected;
    retries += other.retries;
    deadlocks += other.deadlocks;
    errors += other.errors;
    if (firstError == null) {
      firstError = other.firstError;
    }
    long[] own = succeededPerAccount;
    long[] theirs = other.succeededPerAccount;
    if (own != null && theirs != null) {
      for (int i = 0; i < own.length; i++) {
        own[i] += theirs[i];
      }
    }
  }
}
