package dev.racefree.internal.money;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;

import dev.racefree.IdempotencyKey;
import dev.racefree.Posting;
import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.holds.HoldEnds;
import dev.racefree.internal.keys.Idempotency;
import dev.racefree.internal.keys.KeyedOperation;
import dev.racefree.internal.runner.Instance;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.CreditResult;
import dev.racefree.result.Credited;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.SameAccount;
import dev.racefree.result.TransferResult;
import java.sql.SQLException;
import java.util.Optional;
import org.jooq.Record1;
import org.jspecify.annotations.Nullable;

/** Opening accounts, and debits, credits and transfers, with or without an idempotency key. */
public final class Movements {

  private final Instance instance;

  public Movements(Instance instance) {
    this.instance = instance;
  }

  public long open(String owner, String currency) {
    return instance
        .runner()
        .run(
            "accounts.open",
            tx ->
                tx.dsl()
                    .insertInto(ACCOUNTS)
                    .set(ACCOUNTS.OWNER, owner)
                    .set(ACCOUNTS.CURRENCY, currency)
                    .set(ACCOUNTS.DEFAULT_EXTERNAL_ID, Externals.defaultFor(tx, currency))
                    .returningResult(ACCOUNTS.ID)
                    .fetchSingle(Record1::value1));
  }

  public DebitResult debit(long id, long amount, Posting posting, @Nullable IdempotencyKey key) {
    if (key == null) {
      return instance
          .runner()
          .run("accounts.debit", tx -> debit(tx, id, amount, EntryTag.debit(posting)));
    }
    return Idempotency.run(
        instance,
        "accounts.debit",
        key,
        KeyedOperation.DEBIT.fingerprint(posting, id, amount),
        (tx, stored) -> stored.asDebit(),
        (tx, keyId) -> debit(tx, id, amount, EntryTag.debit(posting).withKey(keyId)));
  }

  public CreditResult credit(long id, long amount, Posting posting, @Nullable IdempotencyKey key) {
    if (key == null) {
      return instance
          .runner()
          .run("accounts.credit", tx -> credit(tx, id, amount, EntryTag.credit(posting)));
    }
    return Idempotency.run(
        instance,
        "accounts.credit",
        key,
        KeyedOperation.CREDIT.fingerprint(posting, id, amount),
        (tx, stored) -> stored.asCredit(),
        (tx, keyId) -> credit(tx, id, amount, EntryTag.credit(posting).withKey(keyId)));
  }

  public TransferResult transfer(
      long from, long to, long amount, Posting posting, @Nullable IdempotencyKey key) {
    Check.id(from, "from");
    Check.id(to, "to");
    Check.amount(amount, "amount");
    if (from == to) {
      return new SameAccount(from);
    }
    if (key == null) {
      return instance
          .runner()
          .atomically("accounts.transfer", tx -> Transfer.run(tx, from, to, amount, posting, null));
    }
    return Idempotency.run(
        instance,
        "accounts.transfer",
        key,
        KeyedOperation.TRANSFER.fingerprint(posting, from, to, amount),
        (tx, stored) -> stored.asTransfer(),
        (tx, keyId) -> Transfer.run(tx, from, to, amount, posting, keyId));
  }

  private static DebitResult debit(Tx tx, long id, long amount, EntryTag tag) throws SQLException {
    Long external = tag.counterpartyId();
    if (external != null) {
      Externals.requireFor(tx, id, external);
    }
    Long balance = BalanceWrites.debit(tx, id, amount, tag);
    if (balance == null && HoldEnds.sweep(tx, id) > 0) {
      balance = BalanceWrites.debit(tx, id, amount, tag); // lapsed holds stop counting
    }
    if (balance != null) {
      return new Debited(balance);
    }
    // Failure path only: say why nothing was updated.
    return AccountRow.read(tx, id)
        .<DebitResult>map(row -> row.spendRefusal(tx, amount))
        .orElseGet(() -> new NoSuchAccount(id));
  }

  private static CreditResult credit(Tx tx, long id, long amount, EntryTag tag)
      throws SQLException {
    Long external = tag.counterpartyId();
    if (external != null) {
      Externals.requireFor(tx, id, external);
    }
    Long balance = BalanceWrites.credit(tx, id, amount, tag);
    if (balance != null) {
      return new Credited(balance);
    }
    AccountRow row = AccountRow.read(tx, id).orElse(null);
    if (row == null) {
      return new NoSuchAccount(id);
    }
    if (row.status() == AccountStatus.closed) {
      return new AccountClosed(id);
    }
    if (row.maxBalance() == null) {
      throw AmountOutOfRangeException.overflow(id, row.balance(), amount);
    }
    return new LimitExceeded(id, row.balance(), row.maxBalance());
  }

  /** The balance; an external account's is derived from the postings against it. */
  public static Optional<Long> currentBalance(Tx tx, long id) {
    return tx.dsl()
        .select(Externals.balanceOfRow())
        .from(ACCOUNTS)
        .where(ACCOUNTS.ID.eq(id))
        .fetchOptional(Record1::value1);
  }
}
