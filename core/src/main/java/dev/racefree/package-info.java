/**
 * racefree: balances and single-use tokens on PostgreSQL where the database decides every race.
 *
 * <p>Start with {@link dev.racefree.Racefree#using(org.jooq.DSLContext)}. Lost races are values
 * (sealed interfaces of records under {@link dev.racefree.result}, such as {@link
 * dev.racefree.result.DebitResult}); misuse and infrastructure failures are exceptions under {@link
 * dev.racefree.exception.RacefreeException}, classified by SQLState. Arguments are checked before
 * any SQL runs, and a call that fails changes nothing. Nothing here returns or accepts {@code null}
 * unless its type says {@code @Nullable}.
 *
 * <h2>Whose transaction</h2>
 *
 * Each operation takes one connection from the {@link org.jooq.DSLContext} racefree was given and
 * decides, from facts and never by guessing:
 *
 * <ul>
 *   <li>auto-commit on: no transaction is open, so the operation runs in its own and commits it
 *       before returning;
 *   <li>auto-commit off on a context bound to one connection the caller handed over ({@code
 *       DSL.using(connection)}, or the {@code cfg.dsl()} inside jOOQ's {@code dsl.transaction(cfg
 *       -> ...)}): the caller's transaction, which the operation joins (a savepoint for
 *       all-or-nothing work) and never commits;
 *   <li>auto-commit off anywhere else (a pool set to {@code autoCommit=false}, a thread-bound
 *       framework transaction): only a {@link dev.racefree.CallerTransaction} can say, so without
 *       one it is refused with {@link dev.racefree.exception.AmbiguousTransactionException}.
 * </ul>
 *
 * A success is therefore either committed, or part of a transaction the caller visibly opened.
 * {@link dev.racefree.Responses} runs only in the caller's.
 */
@NullMarked
package dev.racefree;

import org.jspecify.annotations.NullMarked;
