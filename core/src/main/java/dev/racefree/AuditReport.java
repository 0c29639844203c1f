package dev.racefree;

import java.util.List;
import java.util.UUID;

/**
 * What {@link Racefree#verify()} found. Each list names the rows that break an invariant racefree
 * keeps; all empty means clean.
 *
 * @param balanceMismatches accounts whose balance is not the sum of their ledger entries
 * @param outsideLimits ids of accounts outside their bounds: {@code balance - held} below {@code
 *     minBalance}, or {@code balance} above {@code maxBalance}
 * @param heldMismatches accounts whose {@code held} is not the sum of their active holds
 * @param tokenProblems tokens whose redemption is inconsistent
 * @param unbalancedPostings postings whose sides, external ones included, do not sum to zero or are
 *     not all of one currency (an entry with no other side, say)
 * @param unbalancedCurrencies currencies whose accounts' balances, external ones included, do not
 *     sum to zero
 * @param chainBreaks per account, the first entry whose hash is not the link of its columns and of
 *     the entry before it, or an account whose chain head is not its newest entry's
 * @param codeProblems codes whose uses or redemptions are inconsistent
 */
public record AuditReport(
    List<BalanceMismatch> balanceMismatches,
    List<Long> outsideLimits,
    List<HeldMismatch> heldMismatches,
    List<TokenProblem> tokenProblems,
    List<UnbalancedPosting> unbalancedPostings,
    List<UnbalancedCurrency> unbalancedCurrencies,
    List<ChainBreak> chainBreaks,
    List<CodeProblem> codeProblems) {

  /** Copies the lists. */
  public AuditReport {
    balanceMismatches = List.copyOf(balanceMismatches);
    outsideLimits = List.copyOf(outsideLimits);
    heldMismatches = List.copyOf(heldMismatches);
    tokenProblems = List.copyOf(tokenProblems);
    unbalancedPostings = List.copyOf(unbalancedPostings);
    unbalancedCurrencies = List.copyOf(unbalancedCurrencies);
    chainBreaks = List.copyOf(chainBreaks);
    codeProblems = List.copyOf(codeProblems);
  }

  /** A clean report: nothing found. */
  public static AuditReport clean() {
    return new AuditReport(
        List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), List.of());
  }

  /** Whether every invariant holds. */
  public boolean isClean() {
    return equals(clean());
  }

  /** A posting whose sides sum to {@code sum} instead of zero, or span {@code currencies}. */
  public record UnbalancedPosting(UUID postingId, long sum, int currencies) {}

  /** A currency whose accounts, external ones included, sum to {@code sum} instead of zero. */
  public record UnbalancedCurrency(String currency, long sum) {}

  /**
   * Where an account's hash chain breaks: {@code entryId} is the first entry that does not match,
   * or 0 when the entries match but the account's head (its {@code chain} and time) does not name
   * the newest.
   */
  public record ChainBreak(long accountId, long entryId) {}

  /** An account whose {@code balance} differs from {@code entriesSum}, the sum of its entries. */
  public record BalanceMismatch(long accountId, long balance, long entriesSum) {}

  /**
   * An account whose {@code held} differs from {@code activeHolds}, the sum of its active holds.
   */
  public record HeldMismatch(long accountId, long held, long activeHolds) {}

  /** A token whose redemption record is inconsistent, and how. */
  public record TokenProblem(long tokenId, String problem) {}

  /**
   * A code whose uses or redemptions are inconsistent, and how: its {@code uses} is not the count
   * of its redemptions not reversed, a redeemer holds more of them than its cap per redeemer, or a
   * redemption is dated outside its window.
   */
  public record CodeProblem(long codeId, String problem) {}
}
