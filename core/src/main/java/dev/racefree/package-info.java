/**
 * racefree: balances and single-use tokens on PostgreSQL where the database decides every race.
 *
 * <p>Start with {@link dev.racefree.Racefree#using(org.jooq.DSLContext)}. Lost races are values
 * (sealed interfaces of records under {@link dev.racefree.result}, such as {@link
 * dev.racefree.result.DebitResult}); misuse and infrastructure failures are exceptions under {@link
 * dev.racefree.exception.RacefreeException}, classified by SQLState. Arguments are checked before
 * any SQL runs, and a call that fails changes nothing. Nothing here returns or accepts {@code null}
 * unless its type says {@code @Nullable}.
 */
@NullMarked
package dev.racefree;

import org.jspecify.annotations.NullMarked;
