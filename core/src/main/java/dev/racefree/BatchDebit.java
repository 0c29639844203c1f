package dev.racefree;

import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.FundsRefusal;
import dev.racefree.result.NoSuchAccount;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A batched {@code accounts().debit}. */
final class BatchDebit extends BatchRequest<DebitResult> {

  private final long id;
  private final long amount;

  BatchDebit(long id, long amount, @Nullable IdempotencyKey key) {
    super("batching.debit", key);
    this.id = id;
    this.amount = amount;
  }

  @Override
  List<Long> accounts() {
    return List.of(id);
  }

  @Override
  byte[] fingerprint() {
    return KeyedOperation.DEBIT.fingerprint(id, amount);
  }

  @Override
  DebitResult apply(LockedRows rows, BatchBook book, @Nullable Long keyId) {
    if (!rows.exists(id)) {
      return new NoSuchAccount(id);
    }
    FundsRefusal refused = rows.debitRefusal(id, amount);
    if (refused != null) {
      return refused;
    }
    long balance = rows.move(id, -amount);
    book.entry(id, -amount, balance, EntryTag.DEBIT.withKey(keyId));
    return new Debited(balance);
  }

  @Override
  DebitResult alone(Movements movements, Holds holds) {
    return movements.debit(id, amount, key());
  }

  @Override
  DebitResult replay(StoredOutcome stored) {
    return stored.asDebit();
  }
}
