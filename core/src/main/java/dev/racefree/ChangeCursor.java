package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.ledger.FeedPosition;
import org.jspecify.annotations.Nullable;

/**
 * Where a consumer of the change feed ({@link Ledger#changes}) is: every entry before it was
 * delivered, none after it was. Store its {@link #toString() text} (in the same transaction as what
 * you did with the page, for exactly-once processing) and {@link #parse} it back to read on. A
 * cursor holds the database snapshots of the reads that made it, so it belongs to the database it
 * was read from.
 */
public final class ChangeCursor {

  /** Before the first entry: the feed starts with every entry ever written. */
  public static final ChangeCursor START = new ChangeCursor(FeedPosition.START);

  private final FeedPosition position;

  ChangeCursor(FeedPosition position) {
    this.position = position;
  }

  FeedPosition position() {
    return position;
  }

  /**
   * The cursor whose {@link #toString()} is {@code text}.
   *
   * @throws InvalidArgumentException naming {@code text} when it is not one racefree wrote
   */
  public static ChangeCursor parse(@Nullable String text) {
    return new ChangeCursor(FeedPosition.parse(text, "text"));
  }

  /** The cursor as text, at most a few kilobytes, ASCII; {@link #parse} reads it back. */
  @Override
  public String toString() {
    return position.toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ChangeCursor c && c.position.equals(position);
  }

  @Override
  public int hashCode() {
    return position.hashCode();
  }
}
