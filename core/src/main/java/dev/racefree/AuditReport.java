package dev.racefree;

import java.util.List;

/**
 * What {@link Racefree#verify()} found. Each list names the rows that break an invariant racefree
 * keeps; all empty means clean.
 *
 * @param balanceMismatches accounts whose balance is not the sum of their ledger entries
 * @param negativeBalances ids of accounts below zero
 * @param tokenProblems tokens whose redemption is inconsistent
 */
public record AuditReport(
    List<BalanceMismatch> balanceMismatches,
    List<Long> negativeBalances,
    List<TokenProblem> tokenProblems) {

  /** Copies the lists. */
  public AuditReport {
    balanceMismatches = List.copyOf(balanceMismatches);
    negativeBalances = List.copyOf(negativeBalances);
    tokenProblems = List.copyOf(tokenProblems);
  }

  /** Whether every invariant holds. */
  public boolean isClean() {
    return balanceMismatches.isEmpty() && negativeBalances.isEmpty() && tokenProblems.isEmpty();
  }

  /** An account whose {@code balance} differs from {@code entriesSum}, the sum of its entries. */
  public record BalanceMismatch(long accountId, long balance, long entriesSum) {}

  /** A token whose redemption record is inconsistent, and how. */
  public record TokenProblem(long tokenId, String problem) {}
}
