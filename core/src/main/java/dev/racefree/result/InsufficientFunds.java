package dev.racefree.result;

/**
 * Rejected: the balance was lower than the amount when the database decided. {@code available} is
 * the balance read just after the rejection, for the message to the user; it may have moved.
 * Nothing was changed.
 */
public record InsufficientFunds(long available) implements DebitResult, TransferResult {}
