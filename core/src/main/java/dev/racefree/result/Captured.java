package dev.racefree.result;

/**
 * The capture happened: {@code captured} left the balance (journaled as one ledger entry), the rest
 * of the hold went back to available funds, and {@code balance} is the balance right after it.
 */
public record Captured(long captured, long balance) implements CaptureResult {}
