package dev.racefree;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;
import static org.jooq.impl.DSL.inline;

import dev.racefree.internal.check.Check;
import dev.racefree.internal.holds.HoldEnds;
import dev.racefree.internal.money.AccountRow;
import dev.racefree.internal.runner.OperationRunner;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.LifecycleResult;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.NotEmpty;
import dev.racefree.result.StateChanged;
import org.jooq.Condition;

/**
 * Freezing, unfreezing and closing accounts, each one conditional {@code UPDATE} on the account's
 * row, so a state change and a debit never race: the debit's own WHERE clause checks the state it
 * finds when it gets the row. A frozen account takes credits (and captures or releases of holds in
 * place) but no debit, hold or outgoing transfer. A closed account takes nothing; an account closes
 * only at zero balance with no active holds, and stays closed.
 */
public final class Lifecycle {

  private final OperationRunner db;

  Lifecycle(OperationRunner db) {
    this.db = db;
  }

  /** Freezes an open account (a frozen one stays frozen). */
  public LifecycleResult freeze(long accountId) {
    Check.id(accountId, "accountId");
    return change(
        "lifecycle.freeze",
        accountId,
        AccountStatus.frozen,
        ACCOUNTS.STATUS.ne(AccountStatus.closed));
  }

  /** Opens a frozen account again (an open one stays open). */
  public LifecycleResult unfreeze(long accountId) {
    Check.id(accountId, "accountId");
    return change(
        "lifecycle.unfreeze",
        accountId,
        AccountStatus.open,
        ACCOUNTS.STATUS.ne(AccountStatus.closed));
  }

  /** Closes the account, if its balance is zero and it has no active holds. */
  public LifecycleResult close(long accountId) {
    Check.id(accountId, "accountId");
    return db.run(
        "lifecycle.close",
        tx -> {
          HoldEnds.sweep(tx, accountId); // lapsed holds stop counting first
          if (apply(tx, accountId, AccountStatus.closed, empty())) {
            return new StateChanged(accountId, AccountState.CLOSED);
          }
          return AccountRow.read(tx, accountId)
              .<LifecycleResult>map(row ->
                  row.status() == AccountStatus.closed
                      ? new AccountClosed(accountId)
                      : new NotEmpty(accountId, row.balance(), row.held()))
              .orElseGet(() -> new NoSuchAccount(accountId));
        });
  }

  private static Condition empty() {
    return ACCOUNTS
        .STATUS
        .ne(AccountStatus.closed)
        .and(ACCOUNTS.BALANCE.eq(inline(0L)))
        .and(ACCOUNTS.HELD.eq(inline(0L)));
  }

  private LifecycleResult change(
      String operation, long accountId, AccountStatus to, Condition allowed) {
    return db.run(
        operation,
        tx -> {
          if (apply(tx, accountId, to, allowed)) {
            return new StateChanged(
                accountId, to == AccountStatus.open ? AccountState.OPEN : AccountState.FROZEN);
          }
          return AccountRow.read(tx, accountId)
              .<LifecycleResult>map(row -> new AccountClosed(accountId))
              .orElseGet(() -> new NoSuchAccount(accountId));
        });
  }

  private static boolean apply(Tx tx, long accountId, AccountStatus to, Condition allowed) {
    return tx.dsl()
            .update(ACCOUNTS)
            .set(ACCOUNTS.STATUS, to)
            .set(ACCOUNTS.VERSION, ACCOUNTS.VERSION.plus(inline(1L)))
            .where(ACCOUNTS.ID.eq(accountId))
            .and(allowed)
            .execute()
        == 1;
  }
}
