package dev.racefree.result;

import dev.racefree.Codes;

/**
 * The outcome of {@link Codes#redeem(String, String)}. However many callers race on one code, the
 * {@link CodeRedeemed} results never outnumber its uses, nor those of one redeemer its cap per
 * redeemer; every other case changed nothing.
 */
public sealed interface CodeResult
    permits CodeRedeemed,
        CodeExhausted,
        RedeemerLimitReached,
        CodeNotYetValid,
        CodeExpired,
        UnknownCode {}
