package dev.racefree.sample.payments;

/** A payment made: its id (its posting's reference) and the balance it left. */
public record Payment(String paymentId, long accountId, long amount, long balance) {}
