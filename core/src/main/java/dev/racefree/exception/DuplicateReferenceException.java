package dev.racefree.exception;

/**
 * A {@linkplain dev.racefree.Posting#uniqueReference(String) unique reference} that an entry of the
 * same account already carries (SQLState 23505 on its unique index), or, for a hold, that an entry
 * or an active hold of the account already carries. Nothing was changed.
 */
public final class DuplicateReferenceException extends RacefreeException {

  /** The unique index that decides it, as named in the schema. */
  public static final String INDEX = "ledger_entries_unique_reference";

  /** The SQLState of a unique violation, which every such refusal carries. */
  public static final String SQL_STATE = "23505";

  public DuplicateReferenceException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }

  /**
   * Found taken by racefree's own check under the account's row lock (a hold, or a batch) rather
   * than by the index: the same refusal, with SQLState {@value #SQL_STATE} and no driver cause.
   */
  public DuplicateReferenceException(long accountId, String reference) {
    super(
        "account " + accountId + " already carries the unique reference '" + reference + "'",
        SQL_STATE,
        null);
  }
}
