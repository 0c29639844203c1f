package dev.racefree;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record3;
import org.jooq.SelectForUpdateStep;

/**
 * {@code SELECT id, currency, balance FROM accounts WHERE id = :id FOR UPDATE [NOWAIT]}, waiting as
 * the {@link LockPolicy} says. The statements are rendered once, on first use, like {@link
 * BalanceWrites}'.
 */
final class RowLock {

  /** What the lock read: the row's state, exact while the lock is held. */
  record Row(long id, String currency, long balance) {}

  private static final Template.Row<Row> ROW = rs -> new Row(rs.getLong(1), rs.getString(2), rs.getLong(3));

  private final Template wait;
  private final Template noWait;

  RowLock(DSLContext renderer) {
    this.wait = new Template(renderer, () -> select(renderer, Template.ID).forUpdate());
    this.noWait = new Template(renderer, () -> select(renderer, Template.ID).forUpdate().noWait());
  }

  /** The row read, before its locking clause; the lab's raw-JDBC baseline renders it too. */
  static SelectForUpdateStep<Record3<Long, String, Long>> select(DSLContext dsl, long id) {
    return dsl.select(ACCOUNTS.ID, ACCOUNTS.CURRENCY, ACCOUNTS.BALANCE).from(ACCOUNTS).where(ACCOUNTS.ID.eq(id));
  }

  /** Locks the row in {@code tx}'s transaction; {@code null} when there is no such row. */
  Row lock(DSLContext tx, long id, LockPolicy policy) {
    return switch (policy.mode()) {
      case WAIT -> wait.fetch(tx, id, ROW);
      case NO_WAIT -> noWait.fetch(tx, id, ROW);
      case TIMEOUT -> withLockTimeout(tx, id, policy.timeoutMillis());
    };
  }

  /**
   * PostgreSQL has no per-statement wait bound, so {@code lock_timeout} is set for the
   * transaction, and put back right after the lock is taken so it does not leak into the rest of
   * a caller's transaction. If the lock is not had, the (sub)transaction rolls back, and the
   * rollback restores the setting.
   */
  private Row withLockTimeout(DSLContext tx, long id, long millis) {
    String previous = tx.select(currentSetting(), setLockTimeout(String.valueOf(millis))).fetchSingle().value1();
    Row row = wait.fetch(tx, id, ROW);
    tx.select(setLockTimeout(previous)).fetchSingle();
    return row;
  }

  private static Field<String> currentSetting() {
    return function("current_setting", String.class, val("lock_timeout"));
  }

  private static Field<String> setLockTimeout(String value) {
    return function("set_config", String.class, val("lock_timeout"), val(value), inline(true));
  }
}
