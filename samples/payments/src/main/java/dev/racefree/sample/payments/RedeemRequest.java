package dev.racefree.sample.payments;

/** {@code POST /codes/{code}/redemptions}: the customer who redeems the code. */
public record RedeemRequest(String customer) {}
