package dev.racefree.exception;

import dev.racefree.result.NoSuchAccount;

/**
 * The account id does not exist. Thrown only where no result type can say so, such as {@link
 * dev.racefree.Accounts#balance(long)}; operations with a result type return {@link NoSuchAccount}
 * instead.
 */
public final class UnknownAccountException extends RacefreeException {

  public UnknownAccountException(long id) {
    super("no account with id " + id);
  }
}
