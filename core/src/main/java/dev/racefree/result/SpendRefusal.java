package dev.racefree.result;

/**
 * Why money could not leave an account: its funds or state ({@link FundsRefusal}), or one of its
 * spend velocity limits ({@link VelocityLimitExceeded}). Nothing was changed.
 */
public sealed interface SpendRefusal extends DebitResult, TransferResult, HoldResult
    permits FundsRefusal, VelocityLimitExceeded {}
