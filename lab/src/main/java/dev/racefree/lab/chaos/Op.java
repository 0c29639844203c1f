package dev.racefree.lab.chaos;

import dev.racefree.IdempotencyKey;
import dev.racefree.Racefree;
import dev.racefree.result.AlreadyRedeemed;
import dev.racefree.result.Captured;
import dev.racefree.result.Credited;
import dev.racefree.result.Debited;
import dev.racefree.result.Redeemed;
import dev.racefree.result.Transferred;
import java.time.Instant;

/**
 * One request a chaos client sends. Replaying it sends the very same request (the same key, or for
 * a token the same redeemer), so the database answers what it did the first time, or does it now if
 * it never did.
 */
sealed interface Op {

  /** A hold's expiry: far enough that no chaos hold lapses before its capture. */
  Instant HOLD_EXPIRY = Instant.parse("2100-01-01T00:00:00Z");

  Object send(Racefree rf);

  /** How {@code result} moved balances, added into {@code balances} (indexed from firstId). */
  default void apply(Object result, long[] balances, long firstId) {}

  /** How many ledger entries {@code result} wrote. */
  default int entries(Object result) {
    return 0;
  }

  /**
   * What {@code result} settles, for comparing a first answer with a later one: the result itself,
   * but for a token, who holds it.
   */
  default Object settled(Object result) {
    return result;
  }

  /** A debit, or with {@code credit} a credit, of one account. */
  record Single(boolean credit, long account, long amount, IdempotencyKey key) implements Op {
    @Override
    public Object send(Racefree rf) {
      return credit
          ? rf.accounts().credit(account, amount, key)
          : rf.accounts().debit(account, amount, key);
    }

    @Override
    public void apply(Object result, long[] balances, long firstId) {
      if (entries(result) > 0) {
        balances[(int) (account - firstId)] += credit ? amount : -amount;
      }
    }

    @Override
    public int entries(Object result) {
      return (credit ? result instanceof Credited : result instanceof Debited) ? 1 : 0;
    }
  }

  record Transfer(long from, long to, long amount, IdempotencyKey key) implements Op {
    @Override
    public Object send(Racefree rf) {
      return rf.accounts().transfer(from, to, amount, key);
    }

    @Override
    public void apply(Object result, long[] balances, long firstId) {
      if (result instanceof Transferred) {
        balances[(int) (from - firstId)] -= amount;
        balances[(int) (to - firstId)] += amount;
      }
    }

    @Override
    public int entries(Object result) {
      return result instanceof Transferred ? 2 : 0;
    }
  }

  /** Holds money on an account; moves no balance and writes no entry until its capture. */
  record Hold(long account, long amount, IdempotencyKey key) implements Op {
    @Override
    public Object send(Racefree rf) {
      return rf.holds().hold(account, amount, HOLD_EXPIRY, key);
    }
  }

  /** Captures part of a hold: that much leaves the balance, as one entry. */
  record Capture(long hold, long account, long amount, IdempotencyKey key) implements Op {
    @Override
    public Object send(Racefree rf) {
      return rf.holds().capture(hold, amount, key);
    }

    @Override
    public void apply(Object result, long[] balances, long firstId) {
      if (result instanceof Captured c) {
        balances[(int) (account - firstId)] -= c.captured();
      }
    }

    @Override
    public int entries(Object result) {
      return result instanceof Captured ? 1 : 0;
    }
  }

  /** Redeems a token that every client races for. */
  record Redeem(String token, String redeemer) implements Op {
    @Override
    public Object send(Racefree rf) {
      return rf.tokens().redeem(token, redeemer);
    }

    /** "mine" when this call, or an earlier attempt of it, redeemed the token; else the result. */
    @Override
    public Object settled(Object result) {
      return switch (result) {
        case Redeemed r -> new Taken(r.tokenId(), redeemer);
        case AlreadyRedeemed a -> new Taken(a.tokenId(), a.redeemedBy());
        default -> result;
      };
    }

    @Override
    public String toString() {
      return "Redeem[redeemer=" + redeemer + "]"; // a token's value stays out of reports
    }
  }

  /** A redeemed token and who redeemed it. */
  record Taken(long tokenId, String by) {}
}
