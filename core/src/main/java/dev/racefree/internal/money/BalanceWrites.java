package dev.racefree.internal.money;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import dev.racefree.Account;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.tables.records.AccountsRecord;
import dev.racefree.internal.sql.Binds;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.internal.sql.HotStatements;
import dev.racefree.internal.sql.LedgerInsert;
import java.sql.SQLException;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record1;
import org.jspecify.annotations.Nullable;

/**
 * Every balance change racefree makes. Each is one round trip: a data-modifying CTE whose
 * conditional {@code UPDATE} changes the balance (bumping {@code version}, so an optimistic reader
 * always notices) and whose {@code INSERT} journals exactly that change in {@code ledger_entries}.
 * The entry exists exactly when the update happened, so {@code balance = sum(entries)} at every
 * commit.
 */
public final class BalanceWrites {

  private BalanceWrites() {}

  /**
   * Takes {@code amount} if available funds cover it within the account's lower bound and it fits
   * the account's velocity limits, counting it there; the new balance, or {@code null} (missing,
   * too poor or over a limit).
   */
  public static @Nullable Long debit(Tx tx, long id, long amount, EntryTag tag)
      throws SQLException {
    return debit(tx, id, amount, tag, true);
  }

  /**
   * As {@link #debit(Tx, long, long, EntryTag)}; unless {@code spends}, the debit is no spend (a
   * reversal): velocity limits neither check nor count it.
   */
  public static @Nullable Long debit(Tx tx, long id, long amount, EntryTag tag, boolean spends)
      throws SQLException {
    return tx.fetch(
        HotStatements.DEBIT,
        Binds.change(id, -amount, amount, spends ? amount : null, tag),
        row -> row.getLong(1));
  }

  /**
   * Adds {@code amount}, unless the result would pass the account's maximum or {@code
   * Long.MAX_VALUE}: that is checked in the WHERE clause, so an overflow is a zero-row update
   * rather than an error that would abort the caller's transaction. The new balance, or {@code
   * null}.
   */
  public static @Nullable Long credit(Tx tx, long id, long amount, EntryTag tag)
      throws SQLException {
    return tx.fetch(
        HotStatements.CREDIT, Binds.change(id, amount, amount, tag), row -> row.getLong(1));
  }

  /**
   * The optimistic write: {@code WITH u AS (UPDATE accounts SET balance = :new, version = version +
   * 1 WHERE id = :id AND version = :version AND balance = :read RETURNING *), e AS (INSERT INTO
   * ledger_entries ... amount = u.balance - :read FROM u) SELECT * FROM u}. The WHERE clause has
   * the database confirm the balance the caller read, so the entry is the change the database made,
   * even for an {@link Account} the caller built or edited. Returns the row as written, or {@code
   * null} when the row is not as read.
   */
  public static @Nullable Account set(Tx tx, Account read, long newBalance) {
    LedgerInsert.Described d = LedgerInsert.Described.of(EntryTag.adjustment());
    Field<Long> amount = val(newBalance - read.balance());
    Condition changes = val(newBalance).ne(val(read.balance()));
    CommonTableExpression<AccountsRecord> updated =
        name("updated")
            .as(
                LedgerInsert.chained(
                        tx.dsl()
                            .update(ACCOUNTS)
                            .set(ACCOUNTS.BALANCE, newBalance)
                            .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(inline(1L)))
                            .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime()),
                        amount,
                        val(newBalance),
                        d,
                        LedgerInsert.now(),
                        changes)
                    .where(ACCOUNTS.ID.eq(read.id()))
                    .and(ACCOUNTS.VERSION.eq(read.version()))
                    .and(ACCOUNTS.BALANCE.eq(read.balance()))
                    .returning());
    CommonTableExpression<Record1<Long>> journaled =
        name("journaled")
            .as(
                LedgerInsert.entry(tx.dsl(), updated, amount, d, changes)
                    .returningResult(LEDGER_ENTRIES.ID));
    return tx.dsl()
        .with(updated)
        .with(journaled)
        .select(
            updated.field(ACCOUNTS.ID),
            updated.field(ACCOUNTS.OWNER),
            updated.field(ACCOUNTS.CURRENCY),
            updated.field(ACCOUNTS.BALANCE),
            updated.field(ACCOUNTS.VERSION),
            updated.field(ACCOUNTS.UPDATED_AT))
        .from(updated)
        .fetchOne(r ->
            new Account(
                r.value1(),
                r.value2(),
                r.value3(),
                r.value4(),
                r.value5(),
                r.value6().toInstant()));
  }
}
