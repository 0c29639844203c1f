package dev.racefree.exception;

/**
 * A {@linkplain dev.racefree.Posting#uniqueReference(String) unique reference} that an entry of the
 * same account already carries (SQLState 23505 on its unique index). Nothing was changed.
 */
public final class DuplicateReferenceException extends RacefreeException {

  /** The unique index that decides it, as named in the schema. */
  public static final String INDEX = "ledger_entries_unique_reference";

  public DuplicateReferenceException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }
}
