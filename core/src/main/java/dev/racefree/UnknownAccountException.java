package dev.racefree;

/**
 * The account id does not exist. Thrown only where no result type can say so, such as {@link
 * Accounts#balance(long)}; operations with a result type return {@link NoSuchAccount} instead.
 */
public final class UnknownAccountException extends RacefreeException {

  UnknownAccountException(long id) {
    super("no account with id " + id);
  }
}
