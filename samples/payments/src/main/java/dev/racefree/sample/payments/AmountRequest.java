package dev.racefree.sample.payments;

/** A deposit or a capture: an amount in minor units. */
public record AmountRequest(long amount) {}
