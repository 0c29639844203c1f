package dev.racefree.result;

/**
 * Rejected: every one of {@code attempts} optimistic attempts lost its race to a concurrent writer.
 * Nothing was changed by this call.
 */
public record RetriesExhausted(int attempts) implements ModifyResult {}
