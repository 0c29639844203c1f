package dev.racefree;

import static dev.racefree.schema.Tables.ACCOUNTS;
import static org.jooq.impl.DSL.currentOffsetDateTime;

import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * The statements that change a balance, each one conditional and each one bumping {@code
 * version}, so that an optimistic reader always notices any write. Every balance change racefree
 * makes goes through here.
 */
final class BalanceWrites {

  private BalanceWrites() {}

  /**
   * {@code UPDATE accounts SET balance = balance - :amount ... WHERE id = :id AND balance >=
   * :amount RETURNING balance}: one statement, so no other writer can come between the check and
   * the write. Returns the new balance, or {@code null} when the row is missing or too poor.
   */
  static Long debit(DSLContext dsl, long id, long amount) {
    return dsl.update(ACCOUNTS)
        .set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.minus(amount))
        .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(1))
        .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
        .where(ACCOUNTS.ID.eq(id).and(ACCOUNTS.BALANCE.ge(amount)))
        .returningResult(ACCOUNTS.BALANCE)
        .fetchOne(Record1::value1);
  }

  /**
   * Adds {@code amount}, unless the result would pass {@code Long.MAX_VALUE}: that is checked in
   * the WHERE clause, so an overflow is a zero-row update rather than an error that would abort
   * the caller's transaction. Returns the new balance, or {@code null}.
   */
  static Long credit(DSLContext dsl, long id, long amount) {
    return dsl.update(ACCOUNTS)
        .set(ACCOUNTS.BALANCE, ACCOUNTS.BALANCE.plus(amount))
        .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(1))
        .set(ACCOUNTS.UPDATED_AT, currentOffsetDateTime())
        .where(ACCOUNTS.ID.eq(id).and(ACCOUNTS.BALANCE.le(Long.MAX_VALUE - amount)))
        .returningResult(ACCOUNTS.BALANCE)
        .fetchOne(Record1::value1);
  }
}
