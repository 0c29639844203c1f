package dev.racefree.result;

/**
 * Why money could not leave an account: not enough available funds within its lower bound, or the
 * account is frozen or closed. Nothing was changed.
 */
public sealed interface FundsRefusal extends SpendRefusal, ReverseResult
    permits InsufficientFunds, AccountFrozen, AccountClosed {}
