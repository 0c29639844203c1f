package dev.racefree;

import java.util.List;

/**
 * What {@link Racefree#verify()} found. Each list names the rows that break an invariant racefree
 * keeps; all empty means clean.
 *
 * @param balanceMismatches accounts whose balance is not the sum of their ledger entries
 * @param outsideLimits ids of accounts outside their bounds: {@code balance - held} below {@code
 *     minBalance}, or {@code balance} above {@code maxBalance}
 * @param heldMismatches accounts whose {@code held} is not the sum of their active holds
 * @param tokenProblems tokens whose redemption is inconsistent
 */
public record AuditReport(
    List<BalanceMismatch> balanceMismatches,
    List<Long> outsideLimits,
    List<HeldMismatch> heldMismatches,
    List<TokenProblem> tokenProblems) {

  /** Copies the lists. */
  public AuditReport {
    balanceMismatches = List.copyOf(balanceMismatches);
    outsideLimits = List.copyOf(outsideLimits);
    heldMismatches = List.copyOf(heldMismatches);
    tokenProblems = List.copyOf(tokenProblems);
  }

  /** Whether every invariant holds. */
  public boolean isClean() {
    return balanceMismatches.isEmpty()
        && outsideLimits.isEmpty()
        && heldMismatches.isEmpty()
        && tokenProblems.isEmpty();
  }

  /** An account whose {@code balance} differs from {@code entriesSum}, the sum of its entries. */
  public record BalanceMismatch(long accountId, long balance, long entriesSum) {}

  /**
   * An account whose {@code held} differs from {@code activeHolds}, the sum of its active holds.
   */
  public record HeldMismatch(long accountId, long held, long activeHolds) {}

  /** A token whose redemption record is inconsistent, and how. */
  public record TokenProblem(long tokenId, String problem) {}
}
