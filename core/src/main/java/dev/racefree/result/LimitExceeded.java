package dev.racefree.result;

/**
 * Rejected: the credit would take account {@code accountId}'s balance past its maximum, {@code
 * maxBalance} ({@code balance} is the balance read just after the rejection). Nothing was changed.
 */
public record LimitExceeded(long accountId, long balance, long maxBalance)
    implements CreditResult, TransferResult, ReverseResult, CaptureResult {}
