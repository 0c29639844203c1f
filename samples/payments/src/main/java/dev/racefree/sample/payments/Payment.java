package dev.racefree.sample.payments;

/** A payment made: the service's record of it and the balance it left. */
public record Payment(long paymentId, long accountId, long amount, long balance) {}
