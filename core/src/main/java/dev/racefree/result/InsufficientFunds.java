package dev.racefree.result;

/**
 * Rejected: available funds (balance minus active holds, within the account's lower bound) did not
 * cover the amount when the database decided. {@code available} is balance minus active holds, read
 * just after the rejection, for the message to the user; it may have moved. Nothing was changed.
 */
public record InsufficientFunds(long available) implements FundsRefusal {}
