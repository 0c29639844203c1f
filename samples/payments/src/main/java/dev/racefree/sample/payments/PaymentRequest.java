package dev.racefree.sample.payments;

/** {@code POST /payments}: take {@code amount} minor units from an account. */
public record PaymentRequest(long accountId, long amount) {}
