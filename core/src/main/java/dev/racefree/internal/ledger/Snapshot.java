package dev.racefree.internal.ledger;

import dev.racefree.exception.InvalidArgumentException;
import java.util.Arrays;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;

/**
 * A PostgreSQL snapshot ({@code pg_snapshot}) as its text shows it, {@code xmin:xmax:xip,...}: the
 * transactions whose effects it sees are those below {@code xmax} and not in {@code xip} (every one
 * below {@code xmin} had ended when it was taken). A transaction it sees had ended, committed or
 * rolled back, before the snapshot was taken: no row of it can appear later. Immutable.
 */
final class Snapshot {

  /** Sees no transaction at all: the snapshot before the first. */
  static final Snapshot NOTHING = new Snapshot(1, 1, new long[0]);

  /** The most transactions in progress a snapshot in a cursor may list. */
  static final int MAX_IN_PROGRESS = 65_536;

  private final long xmin;
  private final long xmax;

  /** The transactions in progress, ascending, each in {@code [xmin, xmax)}. */
  private final long[] xip;

  private Snapshot(long xmin, long xmax, long[] xip) {
    this.xmin = xmin;
    this.xmax = xmax;
    this.xip = xip;
  }

  long xmax() {
    return xmax;
  }

  /** Whether this snapshot sees the effects of transaction {@code xid} (once it committed). */
  boolean sees(long xid) {
    return xid < xmax && (xid < xmin || Arrays.binarySearch(xip, xid) < 0);
  }

  /** Whether every transaction this snapshot sees, {@code later} sees too. */
  boolean within(Snapshot later) {
    if (later.xmax < xmax) {
      return false;
    }
    for (long x : later.xip) {
      if (sees(x)) {
        return false;
      }
    }
    return true;
  }

  /**
   * This snapshot with {@code own}, the reading transaction's id, in progress: PostgreSQL leaves a
   * transaction's own id out of its snapshots, but to every other session it is in progress until
   * it commits, and so must it be in a cursor (else entries it writes after the read were skipped).
   */
  Snapshot withInProgress(long own) {
    if (!sees(own)) {
      return this;
    }
    long[] more = Arrays.copyOf(xip, xip.length + 1);
    more[xip.length] = own;
    Arrays.sort(more);
    return new Snapshot(Math.min(xmin, own), xmax, more);
  }

  /** Rows of transactions this snapshot sees ({@code xact} the writing transaction's id). */
  Condition sees(Field<Long> xact) {
    Condition below = xact.lt(xmax);
    return xip.length == 0 ? below : below.and(xact.ne(DSL.all(boxed())));
  }

  /** Rows of transactions this snapshot does not see: in progress when it was taken, or later. */
  Condition seesNot(Field<Long> xact) {
    Condition later = xact.ge(xmax);
    return xip.length == 0 ? later : later.or(xact.eq(DSL.any(boxed())));
  }

  private Long[] boxed() {
    Long[] boxed = new Long[xip.length];
    for (int i = 0; i < xip.length; i++) {
      boxed[i] = xip[i];
    }
    return boxed;
  }

  /**
   * Parses PostgreSQL's text form, as {@code pg_current_snapshot()::text} gives it.
   *
   * @param name the argument it came in, for the message
   */
  static Snapshot parse(String text, String name) {
    String[] parts = text.split(":", -1);
    if (parts.length != 3) {
      throw invalid(name, "a snapshot must be xmin:xmax:xip");
    }
    long xmin = number(parts[0], name);
    long xmax = number(parts[1], name);
    if (xmin < 1 || xmax < xmin) {
      throw invalid(name, "a snapshot must have 1 <= xmin <= xmax");
    }
    long[] xip;
    if (parts[2].isEmpty()) {
      xip = new long[0];
    } else {
      String[] ids = parts[2].split(",", -1);
      if (ids.length > MAX_IN_PROGRESS) {
        throw invalid(name, "a snapshot may list at most " + MAX_IN_PROGRESS + " transactions");
      }
      xip = new long[ids.length];
      for (int i = 0; i < ids.length; i++) {
        xip[i] = number(ids[i], name);
        if (xip[i] < xmin || xip[i] >= xmax || (i > 0 && xip[i] <= xip[i - 1])) {
          throw invalid(
              name, "a snapshot's transactions in progress must rise within [xmin, xmax)");
        }
      }
    }
    return new Snapshot(xmin, xmax, xip);
  }

  /** A non-negative decimal of at most 19 digits, no sign. */
  static long number(String digits, String name) {
    if (digits.isEmpty() || digits.length() > 19) {
      throw invalid(name, "expected a number of 1 to 19 digits");
    }
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw invalid(name, "expected a number of 1 to 19 digits");
      }
    }
    try {
      return Long.parseLong(digits);
    } catch (NumberFormatException e) {
      throw invalid(name, "a number out of range");
    }
  }

  static InvalidArgumentException invalid(String name, String why) {
    return new InvalidArgumentException(name + " is not a change-feed cursor: " + why);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Snapshot s && s.xmin == xmin && s.xmax == xmax && Arrays.equals(s.xip, xip);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(xmin) * 31 + Long.hashCode(xmax) * 17 + Arrays.hashCode(xip);
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder().append(xmin).append(':').append(xmax).append(':');
    for (int i = 0; i < xip.length; i++) {
      s.append(i == 0 ? "" : ",").append(xip[i]);
    }
    return s.toString();
  }
}
