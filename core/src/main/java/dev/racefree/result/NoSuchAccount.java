package dev.racefree.result;

/** Rejected: no account has this id. Nothing was changed. */
public record NoSuchAccount(long id)
    implements DebitResult,
        CreditResult,
        ModifyResult,
        TransferResult,
        HoldResult,
        LimitResult,
        LifecycleResult,
        DebitUpToResult,
        VelocityResult {}
