package dev.racefree.exception;

import dev.racefree.Racefree;

/**
 * {@link Racefree#inTransaction} was called on a context that is already inside a transaction. A
 * retry would have to re-run the caller's whole transaction, which only the caller can do.
 */
public final class NestedTransactionException extends RacefreeException {

  public NestedTransactionException() {
    super(
        "inTransaction needs a DSLContext outside any transaction: retrying inside the caller's "
            + "transaction is impossible, because a failed statement aborts the whole transaction");
  }
}
