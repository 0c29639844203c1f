package dev.racefree.result;

/** Rejected: the account is closed, and takes no change. Nothing was changed. */
public record AccountClosed(long accountId)
    implements FundsRefusal,
        CreditResult,
        LimitResult,
        LifecycleResult,
        DebitUpToResult,
        CaptureResult,
        VelocityResult {}
