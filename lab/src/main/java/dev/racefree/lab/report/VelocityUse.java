package dev.racefree.lab.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a velocity race's daily limits came to, in minor units.
 *
 * @param limit each account's daily limit
 * @param spent what the debits that succeeded took, over every account
 * @param counted what the day's spending counts once the run is over, over every account:
 *     racefree's velocity usage for {@code velocity}, the day's debits in the ledger (its own
 *     count) for {@code naive-velocity}
 * @param overrun what the debits took beyond an account's limit, summed over the accounts: 0 is the
 *     guarantee
 */
@JsonPropertyOrder({"limit", "spent", "counted", "overrun"})
public record VelocityUse(long limit, long spent, long counted, long overrun) {}
