package dev.racefree;

import dev.racefree.exception.LockNotAvailableException;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.result.LockResult;
import java.sql.SQLException;
import java.util.function.Function;
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

  /** {@link HotStatements#LOCK}, waiting at most {@code millis} ({@link LockTimeout}). */
  private static @Nullable AccountRow withLockTimeout(Tx tx, long id, long millis)
      throws SQLException {
    String previous = LockTimeout.set(tx, millis);
    AccountRow row = tx.fetch(HotStatements.LOCK, Binds.account(id), ROW);
    LockTimeout.restore(tx, previous);
    return row;
  }
}
