package dev.racefree.exception;

import dev.racefree.Responses;

/**
 * An operation that only makes sense inside a transaction the caller opened ({@link
 * Responses#claim}: the claim, the handler's writes and the stored response must commit together)
 * was called outside one. Nothing was changed.
 */
public final class NoCallerTransactionException extends RacefreeException {

  /** {@code operation} names what was called. */
  public NoCallerTransactionException(String operation) {
    super(
        operation
            + " must run inside a transaction the caller opened (jOOQ's dsl.transaction, a"
            + " connection with auto-commit off handed to DSL.using, or a CallerTransaction that"
            + " answers true, such as Spring's @Transactional): racefree would otherwise commit the"
            + " claim on its own, apart from the work it guards");
  }
}
