package dev.racefree.sample.payments;

/** An account's daily spending limit: the most its spends may take per day in {@code zone}. */
public record DailyLimit(long accountId, long amount, String zone) {}
