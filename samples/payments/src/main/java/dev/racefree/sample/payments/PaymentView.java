package dev.racefree.sample.payments;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A payment as the ledger keeps it, read back by its reference: the account it was taken from, the
 * external account it went to, the amount, the balance right after it, and when.
 */
public record PaymentView(
    String paymentId,
    long accountId,
    @Nullable Long counterpartyId,
    long amount,
    long balanceAfter,
    Instant at) {}
