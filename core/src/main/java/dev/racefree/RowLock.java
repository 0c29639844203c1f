package dev.racefree;

import static dev.racefree.schema.Tables.ACCOUNTS;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;

import dev.racefree.schema.tables.records.AccountsRecord;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.SelectForUpdateStep;

/** {@code SELECT ... FOR UPDATE} on one account row, waiting as the {@link LockPolicy} says. */
final class RowLock {

  private RowLock() {}

  /** Locks the row in {@code tx}'s transaction; {@code null} when there is no such row. */
  static AccountsRecord lock(DSLContext tx, long id, LockPolicy policy) {
    SelectForUpdateStep<AccountsRecord> select = select(tx, id);
    return switch (policy.mode()) {
      case WAIT -> select.forUpdate().fetchOne();
      case NO_WAIT -> select.forUpdate().noWait().fetchOne();
      case TIMEOUT -> withLockTimeout(tx, policy.timeoutMillis(), select);
    };
  }

  /** The row read, before its locking clause; the lab's raw-JDBC baseline renders it too. */
  static SelectForUpdateStep<AccountsRecord> select(DSLContext tx, long id) {
    return tx.selectFrom(ACCOUNTS).where(ACCOUNTS.ID.eq(id));
  }

  /**
   * PostgreSQL has no per-statement wait bound, so {@code lock_timeout} is set for the
   * transaction, and put back right after the lock is taken so it does not leak into the rest of
   * a caller's transaction. If the lock is not had, the (sub)transaction rolls back, and the
   * rollback restores the setting.
   */
  private static AccountsRecord withLockTimeout(
      DSLContext tx, long millis, SelectForUpdateStep<AccountsRecord> select) {
    String previous = tx.select(currentSetting(), setLockTimeout(String.valueOf(millis))).fetchSingle().value1();
    AccountsRecord row = select.forUpdate().fetchOne();
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
