package dev.racefree.result;

/** Rejected: the two accounts hold different currencies. Nothing was changed. */
public record CurrencyMismatch(String fromCurrency, String toCurrency)
    implements TransferResult, HoldResult {}
