package dev.racefree.result;

import dev.racefree.Holds;

/** The outcome of {@link Holds#capture}. Every case but {@link Captured} changed nothing. */
public sealed interface CaptureResult
    permits Captured, AboveHold, HoldRefusal, LimitExceeded, AccountClosed {}
