package dev.racefree;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.val;

import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.internal.schema.tables.records.AccountsRecord;
import org.jooq.CommonTableExpression;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Record1;
import org.jooq.Record2;
import org.jooq.ResultQuery;

/**
 * The statements that change a balance. Each is one round trip: a data-modifying CTE whose
 * conditional {@code UPDATE} changes the balance (bumping {@code version}, so an optimistic reader
 * always notices) and whose {@code INSERT} journals the change in {@code ledger_entries}. The
 * entry exists exactly when the update happened, so {@code balance = sum(entries)} at every
 * commit. Every balance change racefree makes goes through here.
 */
final class BalanceWrites {

  private final Template debit;
  private final Template credit;

  /** The debit and credit statements, each rendered once, on first use, with {@code renderer}'s settings. */
  BalanceWrites(DSLContext renderer) {
    this.debit = new Template(renderer, () -> changeQuery(
        renderer, Template.ID, Template.DELTA, ACCOUNTS.BALANCE.ge(Template.LIMIT), Template.MARKERS));
    this.credit = new Template(renderer, () -> changeQuery(
        renderer, Template.ID, Template.DELTA, ACCOUNTS.BALANCE.le(Template.LIMIT), Template.MARKERS));
  }

  /**
   * {@code WITH d AS (UPDATE accounts SET balance = balance - :amount ... WHERE id = :id AND
   * balance >= :amount RETURNING id, balance) INSERT INTO ledger_entries ... SELECT ... FROM d
   * RETURNING balance_after}. No other writer can come between the check and the write. Returns
   * the new balance, or {@code null} when the row is missing or too poor.
   */
  Long debit(DSLContext dsl, long id, long amount, EntryTag tag) {
    return debit.fetchLong(dsl, id, -amount, amount, tag);
  }

  /**
   * Adds {@code amount}, unless the result would pass {@code Long.MAX_VALUE}: that is checked in
   * the WHERE clause, so an overflow is a zero-row update rather than an error that would abort
   * the caller's transaction. Returns the new balance, or {@code null}.
   */
  Long credit(DSLContext dsl, long id, long amount, EntryTag tag) {
    return credit.fetchLong(dsl, id, amount, Long.MAX_VALUE - amount, tag);
  }

  /**
   * The optimistic write: {@code WITH u AS (UPDATE accounts SET balance = :new, version = version +
   * 1 WHERE id = :id AND version = :read RETURNING *), e AS (INSERT INTO ledger_entries ... FROM u)
   * SELECT * FROM u}. The version check makes {@code read.balance()} exact, so the entry's amount
   * is {@code new - read}. Returns the row as written, or {@code null} when the version moved on.
   */
  static Account set(DSLContext dsl, Account read, long newBalance) {
    long delta = newBalance - read.balance();
    CommonTableExpression<AccountsRecord> updated = name("updated").as(
        dsl.update(ACCOUNTS)
            .set(ACCOUNTS.BALANCE, newBalance)
            .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(1))
            .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
            .where(ACCOUNTS.ID.eq(read.id()).and(ACCOUNTS.VERSION.eq(read.version())))
            .returning());
    CommonTableExpression<Record1<Long>> journaled = name("journaled").as(
        dsl.insertInto(LEDGER_ENTRIES,
                LEDGER_ENTRIES.ACCOUNT_ID, LEDGER_ENTRIES.AMOUNT, LEDGER_ENTRIES.BALANCE_AFTER, LEDGER_ENTRIES.KIND)
            .select(select(updated.field(ACCOUNTS.ID), val(delta), updated.field(ACCOUNTS.BALANCE), val(EntryKind.adjustment))
                .from(updated)
                .where(val(delta).ne(0L)))
            .returningResult(LEDGER_ENTRIES.ID));
    return dsl.with(updated).with(journaled)
        .select(updated.field(ACCOUNTS.ID), updated.field(ACCOUNTS.OWNER), updated.field(ACCOUNTS.CURRENCY),
            updated.field(ACCOUNTS.BALANCE), updated.field(ACCOUNTS.VERSION), updated.field(ACCOUNTS.UPDATED_AT))
        .from(updated)
        .fetchOne(r -> new Account(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6().toInstant()));
  }

  /** The debit statement itself, unexecuted: the lab's raw-JDBC baseline sends its SQL as is. */
  static ResultQuery<Record1<Long>> debitQuery(DSLContext dsl, long id, long amount, EntryTag tag) {
    return changeQuery(dsl, id, -amount, ACCOUNTS.BALANCE.ge(amount), tag);
  }

  private static ResultQuery<Record1<Long>> changeQuery(DSLContext dsl, long id, long delta, Condition allowed, EntryTag tag) {
    CommonTableExpression<Record2<Long, Long>> changed = name("changed").as(
        dsl.update(ACCOUNTS)
            .set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.plus(delta))
            .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(1))
            .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
            .where(ACCOUNTS.ID.eq(id).and(allowed))
            .returningResult(ACCOUNTS.ID, ACCOUNTS.BALANCE));
    return dsl.with(changed)
        .insertInto(LEDGER_ENTRIES,
            LEDGER_ENTRIES.ACCOUNT_ID, LEDGER_ENTRIES.AMOUNT, LEDGER_ENTRIES.BALANCE_AFTER,
            LEDGER_ENTRIES.KIND, LEDGER_ENTRIES.CORRELATION_ID, LEDGER_ENTRIES.IDEMPOTENCY_KEY_ID)
        .select(select(changed.field(ACCOUNTS.ID), val(delta), changed.field(ACCOUNTS.BALANCE),
                val(tag.kind()), val(tag.correlationId()), val(tag.idempotencyKeyId(), Long.class))
            .from(changed))
        .returningResult(LEDGER_ENTRIES.BALANCE_AFTER);
  }
}
