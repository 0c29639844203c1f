package dev.racefree.internal.money;

import dev.racefree.Accounts;
import dev.racefree.exception.LockNotAvailableException;
import dev.racefree.internal.runner.OperationRunner;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.sql.Binds;
import dev.racefree.internal.sql.Columns;
import dev.racefree.internal.sql.HotStatements;
import dev.racefree.internal.sql.LockTimeout;
import dev.racefree.result.LockResult;
import java.sql.SQLException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * {@link Accounts#withLock}: {@code SELECT id, currency, balance FROM accounts WHERE id = :id FOR
 * UPDATE [NOWAIT]}, waiting as the {@link LockPolicy} says, then the caller's work under the lock,
 * all in one transaction (a savepoint inside the caller's).
 */
public final class RowLocks {

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
              AccountStatus.valueOf(r.getString(7)),
              r.getNullableLong(8) != null);

  private static final String OPERATION = "accounts.withLock";

  private final OperationRunner db;

  public RowLocks(OperationRunner db) {
    this.db = db;
  }

  public <T> LockResult<T> withLock(long id, LockWait wait, Function<LockedRow, T> work) {
    return db.steps(OPERATION, on -> withLock(on, id, wait, work)); // NotAcquired is its outcome
  }

  private static <T> LockResult<T> withLock(
      OperationRunner db, long id, LockWait wait, Function<LockedRow, T> work) {
    boolean[] locked = {false};
    try {
      return db.atomicallyWithoutRetry(
          OPERATION,
          tx -> {
            AccountRow row = lock(tx, id, wait);
            if (row == null) {
              return new LockResult.Missing<>(id);
            }
            locked[0] = true;
            LockedRow account = new LockedRow(tx, row);
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

  private static @Nullable AccountRow lock(Tx tx, long id, LockWait wait) throws SQLException {
    long since = tx.lockStarts();
    try {
      return switch (wait.kind()) {
        case WAIT -> tx.fetch(HotStatements.LOCK, Binds.account(id), ROW);
        case NO_WAIT -> tx.fetch(HotStatements.LOCK_NOWAIT, Binds.account(id), ROW);
        case TIMEOUT -> withLockTimeout(tx, id, wait.timeoutMillis());
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
