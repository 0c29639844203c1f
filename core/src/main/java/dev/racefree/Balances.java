package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.UnknownAccountException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * What {@link Ledger#balances} read, in one statement (one snapshot): the balance of every account
 * that exists, and the ids asked for that are no account's.
 *
 * @param balances by account id, in the order asked for; an external account's is derived from the
 *     postings against it
 * @param unknown the ids asked for that no account has, in the order asked for
 */
public record Balances(Map<Long, Long> balances, Set<Long> unknown) {

  /** Copies both, keeping their order. */
  public Balances {
    balances = Collections.unmodifiableMap(new LinkedHashMap<>(balances));
    unknown = Collections.unmodifiableSet(new LinkedHashSet<>(unknown));
  }

  /**
   * The balance of account {@code accountId}.
   *
   * @throws UnknownAccountException when it is one of {@link #unknown()}
   * @throws InvalidArgumentException when it was not asked for
   */
  public long of(long accountId) {
    Long balance = balances.get(accountId);
    if (balance != null) {
      return balance;
    }
    if (unknown.contains(accountId)) {
      throw new UnknownAccountException(accountId);
    }
    throw new InvalidArgumentException("accountId " + accountId + " was not asked for");
  }
}
