package dev.racefree.it;

import dev.racefree.Racefree;

/** Test accounts: opened in EUR and credited, so their opening balance is journaled. */
final class Funded {

  private Funded() {}

  /** A new account holding {@code amount} (none credited when 0). */
  static long funded(Racefree rf, long amount) {
    long id = rf.accounts().open("funded", "EUR");
    if (amount > 0) {
      rf.accounts().credit(id, amount);
    }
    return id;
  }
}
