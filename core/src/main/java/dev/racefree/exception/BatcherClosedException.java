package dev.racefree.exception;

/**
 * A request was given to a {@code Batching} after {@code close()} began. Nothing was queued and
 * nothing changed; requests queued before {@code close()} are still carried out and answered.
 */
public final class BatcherClosedException extends RacefreeException {

  public BatcherClosedException() {
    super("this Batching is closed: it takes no more requests");
  }
}
