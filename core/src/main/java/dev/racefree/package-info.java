/**
 * racefree: balances and single-use tokens on PostgreSQL where the database decides every race.
 *
 * <p>Start with {@link dev.racefree.Racefree#using(org.jooq.DSLContext)}. Lost races are values
 * (sealed interfaces of records, such as {@link dev.racefree.DebitResult}); misuse and
 * infrastructure failures are exceptions under {@link dev.racefree.RacefreeException}, classified
 * by SQLState. Arguments are checked before any SQL runs, and a call that fails changes nothing.
 * Nothing here returns or accepts {@code null} unless its documentation says so.
 */
package dev.racefree;

import dev.racefree.exception.RacefreeException;
import dev.racefree.result.DebitResult;
