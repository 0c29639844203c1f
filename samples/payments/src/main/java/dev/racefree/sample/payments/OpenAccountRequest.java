package dev.racefree.sample.payments;

/** {@code POST /accounts}: who owns the account, and its ISO 4217 currency. */
public record OpenAccountRequest(String owner, String currency) {}
