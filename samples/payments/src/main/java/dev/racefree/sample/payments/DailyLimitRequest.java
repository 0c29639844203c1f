package dev.racefree.sample.payments;

import org.jspecify.annotations.Nullable;

/**
 * {@code PUT /accounts/{id}/daily-limit}: the most the account's payments and holds may take per
 * calendar day, in minor units, and the time zone whose midnight starts the day ({@code
 * Europe/Paris}). Both are required.
 */
public record DailyLimitRequest(@Nullable Long amount, @Nullable String zone) {}
