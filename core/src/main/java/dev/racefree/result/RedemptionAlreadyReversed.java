package dev.racefree.result;

import java.time.Instant;

/** Rejected: the redemption was reversed at {@code reversedAt}. Nothing was changed. */
public record RedemptionAlreadyReversed(long redemptionId, long codeId, Instant reversedAt)
    implements CodeReversalResult {}
