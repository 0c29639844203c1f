package dev.racefree.internal.batch;

import dev.racefree.IdempotencyKey;
import dev.racefree.Posting;
import dev.racefree.internal.holds.HoldOperations;
import dev.racefree.internal.keys.KeyedOperation;
import dev.racefree.internal.keys.StoredOutcome;
import dev.racefree.internal.money.LockedRows;
import dev.racefree.internal.money.Movements;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.result.DebitResult;
import dev.racefree.result.Debited;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.SpendRefusal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A batched {@code accounts().debit}. */
public final class BatchDebit extends BatchRequest<DebitResult> {

  private final long id;
  private final long amount;

  public BatchDebit(long id, long amount, Posting posting, @Nullable IdempotencyKey key) {
    super("batching.debit", posting, key);
    this.id = id;
    this.amount = amount;
  }

  @Override
  public List<Long> accounts() {
    return List.of(id);
  }

  @Override
  public byte[] fingerprint() {
    return KeyedOperation.DEBIT.fingerprint(posting(), id, amount);
  }

  @Override
  public DebitResult apply(LockedRows rows, BatchBook book, @Nullable Long keyId) {
    if (!rows.exists(id)) {
      return new NoSuchAccount(id);
    }
    book.postings().requireExternal(posting(), id, rows);
    SpendRefusal refused = rows.spendRefusal(id, amount);
    if (refused != null) {
      return refused;
    }
    book.postings().takeForEntries(posting(), id);
    rows.spent(id, amount);
    book.spent(id, amount);
    long balance = rows.move(id, -amount);
    book.entry(id, -amount, balance, EntryTag.debit(posting()).withKey(keyId));
    return new Debited(balance);
  }

  @Override
  public DebitResult alone(Movements movements, HoldOperations holds) {
    return movements.debit(id, amount, posting(), key());
  }

  @Override
  public DebitResult replay(StoredOutcome stored) {
    return stored.asDebit();
  }
}
