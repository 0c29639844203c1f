package dev.racefree.lab.chaos;

import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.result.Credited;
import dev.racefree.result.Debited;
import dev.racefree.result.Transferred;

/**
 * One keyed operation a chaos client sends, and what it finally returned. Replaying it sends the
 * very same request under the same key, so the database answers what it did the first time, or does
 * it now if it never did.
 */
record Op(Kind kind, long from, long to, long amount, IdempotencyKey key) {

  enum Kind {
    DEBIT,
    CREDIT,
    TRANSFER
  }

  Object send(Racefree rf) {
    return switch (kind) {
      case DEBIT -> rf.accounts().debit(from, amount, key);
      case CREDIT -> rf.accounts().credit(from, amount, key);
      case TRANSFER -> rf.accounts().transfer(from, to, amount, key);
    };
  }

  /** How {@code result} moved balances: per account id, the change (empty when refused). */
  void apply(Object result, long[] balances, long firstId) {
    switch (result) {
      case Debited d -> balances[(int) (from - firstId)] -= amount;
      case Credited c -> balances[(int) (from - firstId)] += amount;
      case Transferred t -> {
        balances[(int) (from - firstId)] -= amount;
        balances[(int) (to - firstId)] += amount;
      }
      default -> {}
    }
  }

  /** How many ledger entries {@code result} wrote. */
  static int entries(Object result) {
    return switch (result) {
      case Debited d -> 1;
      case Credited c -> 1;
      case Transferred t -> 2;
      default -> 0;
    };
  }
}
