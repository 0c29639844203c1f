package dev.racefree.internal.money;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;

import dev.racefree.Account;
import dev.racefree.RetryPolicy;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.runner.OperationRunner;
import dev.racefree.internal.runner.Retrying;
import dev.racefree.result.ConcurrentModification;
import dev.racefree.result.ModifyResult;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.RetriesExhausted;
import dev.racefree.result.UpdateResult;
import dev.racefree.result.Updated;
import java.util.Optional;
import java.util.function.LongUnaryOperator;

/** Optimistic writes checked against {@code version}, and the retrying read-compute-write. */
public final class Optimistic {

  private final OperationRunner db;

  public Optimistic(OperationRunner db) {
    this.db = db;
  }

  public Optional<Account> find(long id) {
    return find(db, id);
  }

  private static Optional<Account> find(OperationRunner db, long id) {
    return db.run(
        "accounts.find",
        tx ->
            tx.dsl()
                .selectFrom(ACCOUNTS)
                .where(ACCOUNTS.ID.eq(id))
                .fetchOptional(r ->
                    new Account(
                        r.getId(),
                        r.getOwner(),
                        r.getCurrency(),
                        r.getBalance(),
                        r.getVersion(),
                        r.getUpdatedAt().toInstant())));
  }

  public UpdateResult update(Account read, long newBalance) {
    return update(db, read, newBalance);
  }

  private static UpdateResult update(OperationRunner db, Account read, long newBalance) {
    return db.run(
        "accounts.update",
        tx -> {
          Account written = BalanceWrites.set(tx, read, newBalance);
          return written != null
              ? new Updated(written, 1)
              : new ConcurrentModification(read.id(), read.version());
        });
  }

  public ModifyResult modify(long id, RetryPolicy policy, LongUnaryOperator newBalance) {
    return db.steps("accounts.modify", on -> modify(on, id, policy, newBalance));
  }

  /** Each read and write its own transaction on {@code db}; a lost race is a retry. */
  private static ModifyResult modify(
      OperationRunner db, long id, RetryPolicy policy, LongUnaryOperator newBalance) {
    for (int attempt = 1; ; attempt++) {
      if (attempt > 1) {
        db.retried();
      }
      Optional<Account> read = find(db, id);
      if (read.isEmpty()) {
        return new NoSuchAccount(id);
      }
      long next = Check.balance(newBalance.applyAsLong(read.get().balance()), "computed balance");
      if (update(db, read.get(), next) instanceof Updated updated) {
        return new Updated(updated.account(), attempt);
      }
      if (attempt == policy.maxAttempts()) {
        return new RetriesExhausted(attempt);
      }
      Retrying.pause(policy, attempt);
    }
  }
}
