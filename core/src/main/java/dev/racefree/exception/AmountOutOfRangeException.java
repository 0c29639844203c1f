package dev.racefree.exception;

/**
 * An amount would take a balance past the range of a {@code bigint} (caught before the write, or
 * SQLState 22003 from the server). Nothing was changed.
 */
public final class AmountOutOfRangeException extends RacefreeException {

  public AmountOutOfRangeException(String message, String sqlState, Throwable cause) {
    super(message, sqlState, cause);
  }

  public AmountOutOfRangeException(String message) {
    super(message);
  }

  /** The balance plus {@code amount} would pass {@code Long.MAX_VALUE}. */
  public static AmountOutOfRangeException overflow(long accountId, long balance, long amount) {
    return aboveMaximum(accountId, balance, Long.MAX_VALUE, amount);
  }

  /** The balance plus {@code amount} would pass {@code maximum}. */
  public static AmountOutOfRangeException aboveMaximum(
      long accountId, long balance, long maximum, long amount) {
    return new AmountOutOfRangeException(
        "amount "
            + amount
            + " would take the balance of account "
            + accountId
            + " ("
            + balance
            + ") past "
            + maximum);
  }
}
