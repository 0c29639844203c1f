package dev.racefree.internal.batch;

import dev.racefree.IdempotencyKey;
import dev.racefree.Posting;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.holds.HoldOperations;
import dev.racefree.internal.keys.KeyedOperation;
import dev.racefree.internal.keys.StoredOutcome;
import dev.racefree.internal.money.LockedRows;
import dev.racefree.internal.money.Movements;
import dev.racefree.internal.schema.enums.EntryKind;
import dev.racefree.internal.sql.EntryTag;
import dev.racefree.internal.sql.PostingIds;
import dev.racefree.result.TransferResult;
import dev.racefree.result.Transferred;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A batched {@code accounts().transfer}: both legs under one correlation id. */
public final class BatchTransfer extends BatchRequest<TransferResult> {

  private final long from;
  private final long to;
  private final long amount;

  public BatchTransfer(
      long from, long to, long amount, Posting posting, @Nullable IdempotencyKey key) {
    super("batching.transfer", posting, key);
    this.from = from;
    this.to = to;
    this.amount = amount;
  }

  /** Checks the arguments, as the single operation does before any SQL. */
  public static BatchTransfer of(
      long from, long to, long amount, Posting posting, @Nullable IdempotencyKey key) {
    return new BatchTransfer(
        Check.id(from, "from"),
        Check.id(to, "to"),
        Check.amount(amount, "amount"),
        Check.notNull(posting, "posting"),
        key);
  }

  @Override
  public List<Long> accounts() {
    return List.of(from, to);
  }

  @Override
  public byte[] fingerprint() {
    return KeyedOperation.TRANSFER.fingerprint(posting(), from, to, amount);
  }

  @Override
  public TransferResult apply(LockedRows rows, BatchBook book, @Nullable Long keyId) {
    TransferResult refused = rows.transferRefusal(from, to, amount);
    if (refused != null) {
      return refused;
    }
    book.postings().takeForEntries(posting(), from, to);
    rows.spent(from, amount);
    book.spent(from, amount);
    EntryTag tag =
        EntryTag.transfer(EntryKind.transfer, PostingIds.next(), posting()).withKey(keyId);
    long fromBalance = rows.move(from, -amount);
    long toBalance = rows.move(to, amount);
    book.entry(from, -amount, fromBalance, tag.against(to));
    book.entry(to, amount, toBalance, tag.against(from));
    return new Transferred(fromBalance, toBalance);
  }

  @Override
  public TransferResult alone(Movements movements, HoldOperations holds) {
    return movements.transfer(from, to, amount, posting(), key());
  }

  @Override
  public TransferResult replay(StoredOutcome stored) {
    return stored.asTransfer();
  }
}
