package dev.racefree.sample.payments;

/**
 * {@code POST /codes}: a discount code chosen by marketing, what it is for, how often it may be
 * redeemed in total and by one customer.
 */
public record CodeRequest(String code, String purpose, long maxUses, long perCustomer) {}
