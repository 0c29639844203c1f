package dev.racefree.result;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Rejected: posting {@code posting} (0-based) is at {@code at}, which is before {@code notBefore},
 * the event time of account {@code accountId}'s newest entry (the imports before it in the same
 * call included), or after {@code notAfter}, the database's clock; nothing was written.
 *
 * @param notBefore {@code null} when the account had no entry
 */
public record EventTimeRefused(
    int posting, long accountId, Instant at, @Nullable Instant notBefore, Instant notAfter)
    implements ImportResult {}
