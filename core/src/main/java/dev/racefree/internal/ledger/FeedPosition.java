package dev.racefree.internal.ledger;

import dev.racefree.exception.InvalidArgumentException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a change-feed consumer is: every entry of a transaction that {@code delivered} sees was
 * delivered; of the transactions that {@code window} sees and {@code delivered} does not, the
 * entries up to id {@code afterId} were too. Caught up when both snapshots are one ({@code afterId}
 * is then 0). Its text is {@code delivered} alone when caught up, else {@code
 * delivered/window/afterId}, each snapshot as PostgreSQL writes one.
 */
public final class FeedPosition {

  /** The longest cursor text accepted. */
  public static final int MAX_TEXT = 1 << 20;

  /** Before the first entry: nothing delivered. */
  public static final FeedPosition START = new FeedPosition(Snapshot.NOTHING, Snapshot.NOTHING, 0);

  private final Snapshot delivered;
  private final Snapshot window;
  private final long afterId;

  FeedPosition(Snapshot delivered, Snapshot window, long afterId) {
    this.delivered = delivered;
    this.window = window;
    this.afterId = delivered.equals(window) ? 0 : afterId;
  }

  Snapshot delivered() {
    return delivered;
  }

  Snapshot window() {
    return window;
  }

  long afterId() {
    return afterId;
  }

  boolean caughtUp() {
    return delivered.equals(window);
  }

  /**
   * Parses a cursor's text, refusing anything {@link #toString} would not have written.
   *
   * @throws InvalidArgumentException naming {@code name}
   */
  public static FeedPosition parse(@Nullable String text, String name) {
    if (text == null) {
      throw new InvalidArgumentException(name + " must not be null");
    }
    if (text.isEmpty() || text.length() > MAX_TEXT) {
      throw Snapshot.invalid(name, "its text must be 1 to " + MAX_TEXT + " characters");
    }
    String[] parts = text.split("/", -1);
    FeedPosition position;
    if (parts.length == 1) {
      Snapshot s = Snapshot.parse(parts[0], name);
      position = new FeedPosition(s, s, 0);
    } else if (parts.length == 3) {
      Snapshot delivered = Snapshot.parse(parts[0], name);
      Snapshot window = Snapshot.parse(parts[1], name);
      if (!delivered.within(window)) {
        throw Snapshot.invalid(name, "its window must see all that its first snapshot sees");
      }
      position = new FeedPosition(delivered, window, Snapshot.number(parts[2], name));
    } else {
      throw Snapshot.invalid(name, "expected a snapshot, or two snapshots and an id, split by /");
    }
    if (!position.toString().equals(text)) {
      throw Snapshot.invalid(name, "not as racefree writes it");
    }
    return position;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof FeedPosition p
        && p.delivered.equals(delivered)
        && p.window.equals(window)
        && p.afterId == afterId;
  }

  @Override
  public int hashCode() {
    return Objects.hash(delivered, window, afterId);
  }

  @Override
  public String toString() {
    return caughtUp() ? delivered.toString() : delivered + "/" + window + "/" + afterId;
  }
}
