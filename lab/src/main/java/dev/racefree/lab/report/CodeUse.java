package dev.racefree.lab.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * What a code race's codes came to, in redemptions.
 *
 * @param cap each code's total cap ({@code maxUses})
 * @param perRedeemer each code's cap per redeemer ({@code maxPerRedeemer})
 * @param redeemers how many redeemers each code's requests came from
 * @param redeemed redemptions granted: one per request that succeeded, over every code
 * @param rows redemption rows the codes hold once the run is over (not reversed)
 * @param uses what the codes' {@code uses} count once the run is over
 * @param overrun redemptions granted beyond a code's total cap, summed over the codes: 0 is the
 *     guarantee
 * @param redeemersOver (code, redeemer) pairs granted more redemptions than the cap per redeemer: 0
 *     is the guarantee
 * @param exhausted requests refused because the code had no use left
 * @param atLimit requests refused because their redeemer had reached its cap
 * @param audited codes of the run that {@code Racefree.verify()} flagged (uses not the count of the
 *     redemptions, a redeemer over its cap)
 */
@JsonPropertyOrder({
  "cap",
  "perRedeemer",
  "redeemers",
  "redeemed",
  "rows",
  "uses",
  "overrun",
  "redeemersOver",
  "exhausted",
  "atLimit",
  "audited"
})
public record CodeUse(
    long cap,
    long perRedeemer,
    int redeemers,
    long redeemed,
    long rows,
    long uses,
    long overrun,
    long redeemersOver,
    long exhausted,
    long atLimit,
    long audited) {}
