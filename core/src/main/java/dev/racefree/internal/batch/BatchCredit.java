package dev.racefree.internal.batch;

import dev.racefree.IdempotencyKey;
import dev.racefree.Posting;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.holds.HoldOperations;
import dev.racefree.internal.keys.KeyedOperation;
import dev.racefree.internal.keys.StoredOutcome;
import dev.racefree.internal.money.LockedRows;
import dev.racefree.internal.money.Movements;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.CreditResult;
import dev.racefree.result.Credited;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.TransferResult;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A batched {@code accounts().credit}. */
public final class BatchCredit extends BatchRequest<CreditResult> {

  private final long id;
  private final long amount;

  public BatchCredit(long id, long amount, Posting posting, @Nullable IdempotencyKey key) {
    super("batching.credit", posting, key);
    this.id = id;
    this.amount = amount;
  }

  @Override
  public List<Long> accounts() {
    return List.of(id);
  }

  @Override
  public byte[] fingerprint() {
    return KeyedOperation.CREDIT.fingerprint(posting(), id, amount);
  }

  @Override
  public CreditResult apply(LockedRows rows, BatchBook book, @Nullable Long keyId) {
    if (!rows.exists(id)) {
      return new NoSuchAccount(id);
    }
    book.postings().requireExternal(posting(), id, rows);
    TransferResult refused = rows.creditRefusal(id, amount);
    if (refused != null) {
      return switch (refused) {
        case LimitExceeded l -> l;
        case AccountClosed c -> c;
        default -> throw new InternalErrorException("a credit refused with " + refused);
      };
    }
    book.postings().takeForEntries(posting(), id);
    long balance = rows.move(id, amount);
    book.entry(id, amount, balance, EntryTag.credit(posting()).withKey(keyId));
    return new Credited(balance);
  }

  @Override
  public CreditResult alone(Movements movements, HoldOperations holds) {
    return movements.credit(id, amount, posting(), key());
  }

  @Override
  public CreditResult replay(StoredOutcome stored) {
    return stored.asCredit();
  }
}
