package dev.racefree.result;

/** Rejected: the capture asked for more than the hold holds, {@code held}. Nothing was changed. */
public record AboveHold(long holdId, long held) implements CaptureResult {}
