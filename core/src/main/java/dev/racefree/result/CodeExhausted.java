package dev.racefree.result;

/** Rejected: the code's {@code maxUses} uses are all taken. Nothing was changed. */
public record CodeExhausted(long codeId, long maxUses) implements CodeResult {}
