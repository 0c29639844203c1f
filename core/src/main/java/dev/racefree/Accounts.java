package dev.racefree;

import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.LockNotAvailableException;
import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.exception.UnknownAccountException;
import dev.racefree.result.CreditResult;
import dev.racefree.result.Credited;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.InsufficientFunds;
import dev.racefree.result.TransferResult;
import dev.racefree.result.SameAccount;
import dev.racefree.result.Updated;
import dev.racefree.result.RetriesExhausted;
import dev.racefree.result.ModifyResult;
import dev.racefree.result.LockResult;
import dev.racefree.result.DebitResult;
import dev.racefree.result.ConcurrentModification;
import dev.racefree.result.Debited;
import dev.racefree.result.UpdateResult;
import static dev.racefree.internal.schema.Tables.ACCOUNTS;

import dev.racefree.internal.schema.tables.records.AccountsRecord;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongUnaryOperator;
import org.jooq.DSLContext;
import org.jooq.Record1;

/**
 * Balances in minor units, changed only in ways where the database decides every race:
 *
 * <ul>
 *   <li>{@link #debit} and {@link #credit}: one conditional {@code UPDATE} each;
 *   <li>{@link #withLock}: {@code SELECT ... FOR UPDATE} in a transaction, for logic that needs
 *       to read, decide and write;
 *   <li>{@link #update} and {@link #modify}: optimistic writes checked against {@code version}.
 * </ul>
 *
 * Every method validates its arguments before any SQL runs and changes nothing when it fails.
 */
public final class Accounts {

  private final Db db;
  private final BalanceWrites writes;
  private final Duration keyRetention;

  Accounts(Db db, Duration keyRetention) {
    this.db = db;
    this.writes = db.writes();
    this.keyRetention = keyRetention;
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
    return db.run(dsl -> dsl.insertInto(ACCOUNTS)
        .set(ACCOUNTS.OWNER, owner)
        .set(ACCOUNTS.CURRENCY, currency)
        .returningResult(ACCOUNTS.ID)
        .fetchSingle(Record1::value1));
  }

  /**
   * The current balance.
   *
   * @throws UnknownAccountException when no account has this id
   */
  public long balance(long id) {
    Check.id(id, "id");
    return db.run(dsl -> currentBalance(dsl, id)).orElseThrow(() -> new UnknownAccountException(id));
  }

  /** A snapshot of the account, with the version an optimistic {@link #update} checks. */
  public Optional<Account> find(long id) {
    Check.id(id, "id");
    return db.run(dsl -> dsl.selectFrom(ACCOUNTS).where(ACCOUNTS.ID.eq(id))
        .fetchOptional(Accounts::snapshot));
  }

  /**
   * Takes {@code amount} from the balance if, and only if, the balance covers it, in one
   * statement: {@code UPDATE ... WHERE id = :id AND balance >= :amount RETURNING balance}, with
   * its ledger entry written by the same statement. Two debits of the whole balance never both
   * succeed, whatever the interleaving.
   *
   * @param amount minor units, positive
   */
  public DebitResult debit(long id, long amount) {
    Check.id(id, "id");
    Check.amount(amount, "amount");
    return db.run(dsl -> debitNow(dsl, id, amount, EntryTag.DEBIT));
  }

  /**
   * {@link #debit(long, long)} at most once per {@code key}: a repeat of the same request returns
   * the first outcome (a rejection included) and changes nothing; another request under the same
   * key throws {@link IdempotencyConflictException}.
   */
  public DebitResult debit(long id, long amount, IdempotencyKey key) {
    Check.id(id, "id");
    Check.amount(amount, "amount");
    Check.notNull(key, "key");
    return keyed(key, Idempotency.fingerprint("debit", id, amount),
        (tx, keyId) -> debitNow(tx, id, amount, EntryTag.DEBIT.withKey(keyId)));
  }

  private DebitResult debitNow(DSLContext dsl, long id, long amount, EntryTag tag) {
    Long balance = writes.debit(dsl, id, amount, tag);
    if (balance != null) {
      return new Debited(balance);
    }
    // Failure path only: say why nothing was updated.
    return currentBalance(dsl, id)
        .<DebitResult>map(InsufficientFunds::new)
        .orElseGet(() -> new NoSuchAccount(id));
  }

  /**
   * Adds {@code amount} to the balance in one statement.
   *
   * @param amount minor units, positive
   * @throws AmountOutOfRangeException when the balance would pass {@code Long.MAX_VALUE}; nothing
   *     is changed and a surrounding transaction stays usable
   */
  public CreditResult credit(long id, long amount) {
    Check.id(id, "id");
    Check.amount(amount, "amount");
    return db.run(dsl -> creditNow(dsl, id, amount, EntryTag.CREDIT));
  }

  /** {@link #credit(long, long)} at most once per {@code key}, as {@link #debit(long, long, IdempotencyKey)}. */
  public CreditResult credit(long id, long amount, IdempotencyKey key) {
    Check.id(id, "id");
    Check.amount(amount, "amount");
    Check.notNull(key, "key");
    return keyed(key, Idempotency.fingerprint("credit", id, amount),
        (tx, keyId) -> creditNow(tx, id, amount, EntryTag.CREDIT.withKey(keyId)));
  }

  private CreditResult creditNow(DSLContext dsl, long id, long amount, EntryTag tag) {
    Long balance = writes.credit(dsl, id, amount, tag);
    if (balance != null) {
      return new Credited(balance);
    }
    Optional<Long> current = currentBalance(dsl, id);
    if (current.isEmpty()) {
      return new NoSuchAccount(id);
    }
    throw AmountOutOfRangeException.overflow(id, current.get(), amount);
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
    checkTransfer(from, to, amount);
    if (from == to) {
      return new SameAccount(from);
    }
    return db.transaction(cfg -> Transfer.run(cfg.dsl(), writes, from, to, amount, null));
  }

  /** {@link #transfer(long, long, long)} at most once per {@code key}, as {@link #debit(long, long, IdempotencyKey)}. */
  public TransferResult transfer(long from, long to, long amount, IdempotencyKey key) {
    checkTransfer(from, to, amount);
    Check.notNull(key, "key");
    if (from == to) {
      return new SameAccount(from);
    }
    return keyed(key, Idempotency.fingerprint("transfer", from, to, amount),
        (tx, keyId) -> Transfer.run(tx, writes, from, to, amount, keyId));
  }

  /** Runs {@code operation} at most once per key, in its own transaction or a savepoint of the caller's. */
  private <R> R keyed(IdempotencyKey key, byte[] fingerprint, BiFunction<DSLContext, Long, R> operation) {
    return db.transaction(cfg -> Idempotency.once(cfg.dsl(), key, fingerprint, keyRetention,
        keyId -> operation.apply(cfg.dsl(), keyId)));
  }

  private static void checkTransfer(long from, long to, long amount) {
    Check.id(from, "from");
    Check.id(to, "to");
    Check.amount(amount, "amount");
  }

  /**
   * Locks the account's row with {@code SELECT ... FOR UPDATE}, runs {@code work} while holding
   * the lock, and commits. Nobody else can change the balance between what {@code work} reads and
   * what it writes. The lock ends with the transaction: commit, rollback, or a lost connection.
   * When {@code work} throws, everything it did is rolled back and the exception propagates.
   *
   * <p>Inside a caller's transaction this runs in a savepoint and the lock is held until the
   * caller's transaction ends.
   *
   * @return {@link LockResult.Acquired} with what {@code work} returned, {@link
   *     LockResult.NotAcquired} when the policy gave up waiting, or {@link LockResult.Missing}
   */
  public <T> LockResult<T> withLock(long id, LockPolicy policy, Function<LockedAccount, T> work) {
    Check.id(id, "id");
    Check.notNull(policy, "policy");
    Check.notNull(work, "work");
    boolean[] locked = {false};
    try {
      return db.transactionOnce(cfg -> {
        DSLContext tx = cfg.dsl();
        RowLock.Row row = db.locks().lock(tx, id, policy);
        if (row == null) {
          return new LockResult.Missing<>(id);
        }
        locked[0] = true;
        return new LockResult.Acquired<>(work.apply(new LockedAccount(tx, writes, row)));
      });
    } catch (LockNotAvailableException e) {
      if (locked[0]) {
        throw e; // raised by the caller's own work, not by our lock
      }
      return new LockResult.NotAcquired<>(id);
    }
  }

  /**
   * Writes {@code newBalance} if the account is still at the version {@code read} saw: {@code
   * UPDATE ... SET balance = :new, version = version + 1 WHERE id = :id AND version = :read}. A lost
   * race is the value {@link ConcurrentModification}, never an exception, and changes nothing.
   */
  public UpdateResult update(Account read, long newBalance) {
    Check.notNull(read, "read");
    Check.balance(newBalance, "newBalance");
    return db.run(dsl -> {
      Account written = BalanceWrites.set(dsl, read, newBalance);
      return written != null ? new Updated(written, 1) : new ConcurrentModification(read.id(), read.version());
    });
  }

  /**
   * Optimistic read-compute-write with bounded retries: reads the account, computes the new
   * balance with {@code newBalance} (which must be free of side effects: it may run once per
   * attempt), and {@link #update}s; on a lost race it backs off per {@code policy} and tries again.
   */
  public ModifyResult modify(long id, RetryPolicy policy, LongUnaryOperator newBalance) {
    Check.id(id, "id");
    Check.notNull(policy, "policy");
    Check.notNull(newBalance, "newBalance");
    for (int attempt = 1; ; attempt++) {
      Optional<Account> read = find(id);
      if (read.isEmpty()) {
        return new NoSuchAccount(id);
      }
      long next = Check.balance(newBalance.applyAsLong(read.get().balance()), "computed balance");
      if (update(read.get(), next) instanceof Updated updated) {
        return new Updated(updated.account(), attempt);
      }
      if (attempt == policy.maxAttempts()) {
        return new RetriesExhausted(attempt);
      }
      policy.backOff(attempt);
    }
  }

  static Account snapshot(AccountsRecord r) {
    return new Account(r.getId(), r.getOwner(), r.getCurrency(), r.getBalance(), r.getVersion(),
        r.getUpdatedAt().toInstant());
  }

  private static Optional<Long> currentBalance(DSLContext dsl, long id) {
    return dsl.select(ACCOUNTS.BALANCE).from(ACCOUNTS).where(ACCOUNTS.ID.eq(id))
        .fetchOptional(Record1::value1);
  }
}
