package dev.racefree;

import dev.racefree.exception.InternalErrorException;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.CreditResult;
import dev.racefree.result.Credited;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.TransferResult;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A batched {@code accounts().credit}. */
final class BatchCredit extends BatchRequest<CreditResult> {

  private final long id;
  private final long amount;

  BatchCredit(long id, long amount, @Nullable IdempotencyKey key) {
    super("batching.credit", key);
    this.id = id;
    this.amount = amount;
  }

  @Override
  List<Long> accounts() {
    return List.of(id);
  }

  @Override
  byte[] fingerprint() {
    return KeyedOperation.CREDIT.fingerprint(id, amount);
  }

  @Override
  CreditResult apply(LockedRows rows, BatchBook book, @Nullable Long keyId) {
    if (!rows.exists(id)) {
      return new NoSuchAccount(id);
    }
    TransferResult refused = rows.creditRefusal(id, amount);
    if (refused != null) {
      return switch (refused) {
        case LimitExceeded l -> l;
        case AccountClosed c -> c;
        default -> throw new InternalErrorException("a credit refused with " + refused);
      };
    }
    long balance = rows.move(id, amount);
    book.entry(id, amount, balance, EntryTag.CREDIT.withKey(keyId));
    return new Credited(balance);
  }

  @Override
  CreditResult alone(Movements movements, Holds holds) {
    return movements.credit(id, amount, key());
  }

  @Override
  CreditResult replay(StoredOutcome stored) {
    return stored.asCredit();
  }
}
