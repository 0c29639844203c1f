package dev.racefree.result;

import java.util.UUID;

/**
 * The transfer was reversed: its amount went back from its target to its source, journaled as two
 * reversal entries under {@code reversalId}; {@code sourceBalance} and {@code targetBalance} are
 * the original source's and target's balances right after it.
 */
public record Reversed(UUID reversalId, long sourceBalance, long targetBalance)
    implements ReverseResult {}
