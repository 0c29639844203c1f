package dev.racefree;

import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.UnknownAccountException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.money.DebitUpTo;
import dev.racefree.internal.money.Externals;
import dev.racefree.internal.money.Movements;
import dev.racefree.internal.money.Optimistic;
import dev.racefree.internal.money.RowLocks;
import dev.racefree.internal.runner.Instance;
import dev.racefree.internal.runner.OperationRunner;
import dev.racefree.result.ConcurrentModification;
import dev.racefree.result.CreditResult;
import dev.racefree.result.DebitResult;
import dev.racefree.result.DebitUpToResult;
import dev.racefree.result.LockResult;
import dev.racefree.result.ModifyResult;
import dev.racefree.result.TransferResult;
import dev.racefree.result.UpdateResult;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;

/**
 * Balances in minor units, changed only in ways where the database decides every race:
 *
 * <ul>
 *   <li>{@link #debit} and {@link #credit}: one statement each, a conditional {@code UPDATE} and
 *       its ledger entry;
 *   <li>{@link #transfer}: both rows locked in ascending id order, so transfers never deadlock;
 *   <li>{@link #withLock}: {@code SELECT ... FOR UPDATE} in a transaction, for logic that needs to
 *       read, decide and write;
 *   <li>{@link #update} and {@link #modify}: optimistic writes checked against {@code version}.
 * </ul>
 *
 * Every method validates its arguments before any SQL runs and changes nothing when it fails.
 */
public final class Accounts {

  private final OperationRunner db;
  private final Movements movements;
  private final RowLocks locks;
  private final Optimistic optimistic;

  Accounts(Instance instance) {
    this.db = instance.runner();
    this.movements = new Movements(instance);
    this.locks = new RowLocks(db);
    this.optimistic = new Optimistic(db);
  }

  /**
   * Opens an account with a zero balance.
   *
   * @param owner who owns it, 1 to 200 characters
   * @param currency an ISO 4217 code in upper case, such as {@code "EUR"}
   * @return the new account's id
   */
  public long open(String owner, String currency) {
    Check.name(owner, "owner");
    Check.currency(currency, "currency");
    return movements.open(owner, currency);
  }

  /**
   * Opens an external account: where money from outside comes from or goes to, such as a bank or a
   * payment provider ({@code "bank:EUR"}, {@code "psp:stripe"}). Name it in a {@link Posting} with
   * {@link Posting#external(long)} on a credit (a deposit) or a debit (a withdrawal). Its balance
   * is derived from the postings against it: no deposit waits on its row.
   *
   * @param name 1 to 200 characters, unique among external accounts
   * @param currency an ISO 4217 code in upper case
   * @return the new account's id
   * @throws InvalidArgumentException when an external account already has this name
   */
  public long openExternal(String name, String currency) {
    Check.name(name, "name");
    Check.currency(currency, "currency");
    return db.run(
        "accounts.openExternal",
        tx ->
            Externals.open(tx, name, currency)
                .orElseThrow(() ->
                    new InvalidArgumentException(
                        "name: an external account named " + name + " exists")));
  }

  /** The external account named {@code name}, if one is. */
  public Optional<Long> external(String name) {
    Check.name(name, "name");
    return db.run("accounts.external", tx -> Externals.find(tx, name));
  }

  /**
   * The default external account of {@code currency} ({@code "external:" + currency}): what {@link
   * #credit(long, long)} and {@link #debit(long, long)} post against when no external account is
   * named. Opened with the first account of the currency.
   */
  public long defaultExternal(String currency) {
    Check.currency(currency, "currency");
    return db.run("accounts.defaultExternal", tx -> Externals.defaultFor(tx, currency));
  }

  /**
   * The current balance; {@link UnknownAccountException} when no account has this id. An external
   * account's is the sum of its sides, derived from the postings against it.
   */
  public long balance(long id) {
    Check.id(id, "id");
    return db.run(
        "accounts.balance",
        tx -> Movements.currentBalance(tx, id).orElseThrow(() -> new UnknownAccountException(id)));
  }

  /** A snapshot of the account, with the version an optimistic {@link #update} checks. */
  public Optional<Account> find(long id) {
    Check.id(id, "id");
    return optimistic.find(id);
  }

  /**
   * Takes {@code amount} from the balance if, and only if, the account is open and its available
   * funds cover it within its lower bound, in one statement: {@code WITH changed AS (UPDATE
   * accounts SET balance = balance - :amount ... WHERE id = :id AND balance - held - min_balance >=
   * :amount AND status = 'open' RETURNING ...) INSERT INTO ledger_entries ... SELECT ... FROM
   * changed}, so the ledger entry is written from the row the database changed. Two debits of the
   * whole balance never both succeed, whatever the interleaving. {@link Racefree#statements()}
   * shows the exact SQL.
   *
   * @param amount minor units, positive
   */
  public DebitResult debit(long id, long amount) {
    Check.id(id, "id");
    Check.amount(amount, "amount");
    return movements.debit(id, amount, Posting.of(), null);
  }

  /**
   * {@link #debit(long, long)} at most once per {@code key}: a repeat of the same request returns
   * the first outcome (a rejection included) and changes nothing; another request under the same
   * key throws {@link IdempotencyConflictException}.
   */
  public DebitResult debit(long id, long amount, IdempotencyKey key) {
    Check.id(id, "id");
    Check.amount(amount, "amount");
    return movements.debit(id, amount, Posting.of(), Check.notNull(key, "key"));
  }

  /**
   * {@link #debit(long, long)}, described by {@code posting}: a withdrawal to the posting's
   * external account, or to the currency's default one.
   */
  public DebitResult debit(long id, long amount, Posting posting) {
    Check.id(id, "id");
    Check.amount(amount, "amount");
    return movements.debit(id, amount, Check.notNull(posting, "posting"), null);
  }

  /** {@link #debit(long, long, IdempotencyKey)}, described by {@code posting}. */
  public DebitResult debit(long id, long amount, Posting posting, IdempotencyKey key) {
    Check.id(id, "id");
    Check.amount(amount, "amount");
    Check.notNull(posting, "posting");
    return movements.debit(id, amount, posting, Check.notNull(key, "key"));
  }

  /**
   * Adds {@code amount} to the balance if the account is not closed and the balance stays within
   * its upper bound ({@code max_balance}), in one statement that journals the entry from the row it
   * changed, as {@link #debit(long, long)} does; a frozen account still takes credits.
   *
   * @param amount minor units, positive
   * @throws AmountOutOfRangeException when the balance would pass {@code Long.MAX_VALUE}; nothing
   *     is changed and a surrounding transaction stays usable
   */
  public CreditResult credit(long id, long amount) {
    Check.id(id, "id");
    Check.amount(amount, "amount");
    return movements.credit(id, amount, Posting.of(), null);
  }

  /**
   * {@link #credit(long, long)} at most once per {@code key}, as {@link #debit(long, long,
   * IdempotencyKey)}.
   */
  public CreditResult credit(long id, long amount, IdempotencyKey key) {
    Check.id(id, "id");
    Check.amount(amount, "amount");
    return movements.credit(id, amount, Posting.of(), Check.notNull(key, "key"));
  }

  /**
   * {@link #credit(long, long)}, described by {@code posting}: a deposit from the posting's
   * external account, or from the currency's default one.
   */
  public CreditResult credit(long id, long amount, Posting posting) {
    Check.id(id, "id");
    Check.amount(amount, "amount");
    return movements.credit(id, amount, Check.notNull(posting, "posting"), null);
  }

  /** {@link #credit(long, long, IdempotencyKey)}, described by {@code posting}. */
  public CreditResult credit(long id, long amount, Posting posting, IdempotencyKey key) {
    Check.id(id, "id");
    Check.amount(amount, "amount");
    Check.notNull(posting, "posting");
    return movements.credit(id, amount, posting, Check.notNull(key, "key"));
  }

  /**
   * The balancing debit: takes {@code min(max, available within the lower bound)} and says how much
   * it took (0 when nothing is available), in one statement under the row lock.
   *
   * @param max minor units, positive
   */
  public DebitUpToResult debitUpTo(long id, long max) {
    Check.id(id, "id");
    Check.amount(max, "max");
    return db.run("accounts.debitUpTo", tx -> DebitUpTo.run(tx, id, max, Posting.of()));
  }

  /** {@link #debitUpTo(long, long)}, described by {@code posting}. */
  public DebitUpToResult debitUpTo(long id, long max, Posting posting) {
    Check.id(id, "id");
    Check.amount(max, "max");
    Check.notNull(posting, "posting");
    return db.run("accounts.debitUpTo", tx -> DebitUpTo.run(tx, id, max, posting));
  }

  /**
   * Moves {@code amount} from one account to another of the same currency, in one transaction that
   * locks both rows in ascending id order, so concurrent transfers, A to B against B to A included,
   * cannot deadlock each other. Both legs are journaled under one correlation id.
   *
   * @param amount minor units, positive
   * @throws AmountOutOfRangeException when the target balance would pass {@code Long.MAX_VALUE}
   */
  public TransferResult transfer(long from, long to, long amount) {
    return movements.transfer(from, to, amount, Posting.of(), null);
  }

  /** {@link #transfer(long, long, long)}, both sides described by {@code posting}. */
  public TransferResult transfer(long from, long to, long amount, Posting posting) {
    return movements.transfer(from, to, amount, Check.notNull(posting, "posting"), null);
  }

  /** {@link #transfer(long, long, long, IdempotencyKey)}, described by {@code posting}. */
  public TransferResult transfer(
      long from, long to, long amount, Posting posting, IdempotencyKey key) {
    Check.notNull(posting, "posting");
    Check.notNull(key, "key");
    return movements.transfer(from, to, amount, posting, key);
  }

  /**
   * {@link #transfer(long, long, long)} at most once per {@code key}, as {@link #debit(long, long,
   * IdempotencyKey)}.
   */
  public TransferResult transfer(long from, long to, long amount, IdempotencyKey key) {
    Check.notNull(key, "key");
    return movements.transfer(from, to, amount, Posting.of(), key);
  }

  /**
   * Locks the account's row with {@code SELECT ... FOR UPDATE}, runs {@code work} while holding the
   * lock, and commits. Nobody else can change the balance between what {@code work} reads and what
   * it writes. The lock ends with the transaction: commit, rollback, or a lost connection. When
   * {@code work} throws, everything it did is rolled back and the exception propagates unchanged.
   * Inside a caller's transaction this runs in a savepoint and the lock is held until the caller's
   * transaction ends.
   *
   * @return {@link LockResult.Acquired} with what {@code work} returned, {@link
   *     LockResult.NotAcquired} when the policy gave up waiting, or {@link LockResult.Missing}
   */
  public <T> LockResult<T> withLock(long id, LockPolicy policy, Function<LockedAccount, T> work) {
    Check.id(id, "id");
    Check.notNull(policy, "policy");
    Check.notNull(work, "work");
    return locks.withLock(id, policy.lockWait(), row -> work.apply(new LockedAccount(row)));
  }

  /**
   * Writes {@code newBalance} if the account is still as {@code read} saw it: {@code UPDATE ... SET
   * balance = :new, version = version + 1 WHERE id = :id AND version = :version AND balance =
   * :balance}. A lost race (or an {@code Account} that does not match the row) is the value {@link
   * ConcurrentModification}, never an exception, and changes nothing. The ledger entry is the
   * change the database made.
   */
  public UpdateResult update(Account read, long newBalance) {
    Check.notNull(read, "read");
    Check.id(read.id(), "read.id");
    Check.balance(newBalance, "newBalance");
    return optimistic.update(read, newBalance);
  }

  /**
   * Optimistic read-compute-write with bounded retries: reads the account, computes the new balance
   * with {@code newBalance} (which must be free of side effects: it may run once per attempt), and
   * {@link #update}s; on a lost race it backs off per {@code policy} and tries again.
   */
  public ModifyResult modify(long id, RetryPolicy policy, LongUnaryOperator newBalance) {
    Check.id(id, "id");
    Check.notNull(policy, "policy");
    Check.notNull(newBalance, "newBalance");
    return optimistic.modify(id, policy, newBalance);
  }
}
