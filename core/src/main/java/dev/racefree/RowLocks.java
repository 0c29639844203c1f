package dev.racefree;

import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;

import dev.racefree.exception.LockNotAvailableException;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.result.LockResult;
import java.sql.SQLException;
import java.util.function.Function;
import org.jooq.Field;
import org.jspecify.annotations.Nullable;

/**
 * {@link Accounts#withLock}: {@code SELECT id, currency, balance FROM accounts WHERE id = :id FOR
 * UPDATE [NOWAIT]}, waiting as the {@link LockPolicy} says, then the caller's work under the lock,
 * all in one transaction (a savepoint inside the caller's).
 */
final class RowLocks {

  /** What the lock read: the row's state, exact while the lock is held. */
  private static final Columns.Reader<AccountRow> ROW =
      r ->
          new AccountRow(
              r.getLong(1),
              r.getString(2),
              r.getLong(3),
              r.getLong(4),
              r.getLong(5),
              r.getNullableLong(6),
              AccountStatus.valueOf(r.getString(7)));

  private static final String OPERATION = "accounts.withLock";

  private final Db db;

  RowLocks(Db db) {
    this.db = db;
  }

  <T> LockResult<T> withLock(long id, LockPolicy policy, Function<LockedAccount, T> work) {
    return db.watched()
        ? db.steps(OPERATION, on -> withLock(on, id, policy, work)) // NotAcquired is its outcome
        : withLock(db, id, policy, work);
  }

  private static <T> LockResult<T> withLock(
      Db db, long id, LockPolicy policy, Function<LockedAccount, T> work) {
    boolean[] locked = {false};
    try {
      return db.atomicallyWithoutRetry(
          OPERATION,
          tx -> {
            AccountRow row = lock(tx, id, policy);
            if (row == null) {
              return new LockResult.Missing<>(id);
            }
            locked[0] = true;
            LockedAccount account = new LockedAccount(tx, row);
            try {
              return new LockResult.Acquired<>(work.apply(account));
            } finally {
              account.end();
            }
          });
    } catch (LockNotAvailableException e) {
      if (locked[0]) {
        throw e; // raised by the caller's own work, not by our lock
      }
      return new LockResult.NotAcquired<>(id);
    }
  }

  private static @Nullable AccountRow lock(Tx tx, long id, LockPolicy policy) throws SQLException {
    long since = tx.lockStarts();
    try {
      return switch (policy.mode()) {
        case WAIT -> tx.fetch(HotStatements.LOCK, Binds.account(id), ROW);
        case NO_WAIT -> tx.fetch(HotStatements.LOCK_NOWAIT, Binds.account(id), ROW);
        case TIMEOUT -> withLockTimeout(tx, id, policy.timeoutMillis());
      };
    } finally {
      tx.lockEnded(since);
    }
  }

  /**
   * PostgreSQL has no per-statement wait bound, so {@code lock_timeout} is set for the transaction,
   * and put back right after the lock is taken so it does not leak into the rest of a caller's
   * transaction. If the lock is not had, the (sub)transaction rolls back, and the rollback restores
   * the setting.
   */
  private static @Nullable AccountRow withLockTimeout(Tx tx, long id, long millis)
      throws SQLException {
    String previous =
        tx.dsl()
            .select(currentSetting(), setLockTimeout(String.valueOf(millis)))
            .fetchSingle()
            .value1();
    AccountRow row = tx.fetch(HotStatements.LOCK, Binds.account(id), ROW);
    tx.dsl().select(setLockTimeout(previous)).fetchSingle();
    return row;
  }

  private static Field<String> currentSetting() {
    return function("current_setting", String.class, val("lock_timeout"));
  }

  private static Field<String> setLockTimeout(String value) {
    return function("set_config", String.class, val("lock_timeout"), val(value), inline(true));
  }
}
