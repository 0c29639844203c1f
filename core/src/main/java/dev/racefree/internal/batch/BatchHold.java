package dev.racefree.internal.batch;

import dev.racefree.IdempotencyKey;
import dev.racefree.Posting;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.holds.HoldOperations;
import dev.racefree.internal.keys.KeyedOperation;
import dev.racefree.internal.keys.StoredOutcome;
import dev.racefree.internal.money.LockedRows;
import dev.racefree.internal.money.Movements;
import dev.racefree.result.CurrencyMismatch;
import dev.racefree.result.Held;
import dev.racefree.result.HoldResult;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.SameAccount;
import dev.racefree.result.SpendRefusal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A batched {@code holds().hold} or {@code holds().holdTransfer}: checked against available funds
 * as the batch's requests before it left them; its id is the database's, known once written.
 */
public final class BatchHold extends BatchRequest<HoldResult> {

  private final long accountId;
  private final @Nullable Long target;
  private final long amount;
  private final OffsetDateTime expiresAt;
  private @Nullable Held pending;
  private BatchHoldWrites.@Nullable Slot slot;

  public BatchHold(
      long accountId,
      @Nullable Long target,
      long amount,
      OffsetDateTime expiresAt,
      Posting posting,
      @Nullable IdempotencyKey key) {
    super("batching.hold", posting, key);
    this.accountId = accountId;
    this.target = target;
    this.amount = amount;
    this.expiresAt = expiresAt.truncatedTo(ChronoUnit.MICROS); // as the database keeps it
  }

  /** Checks the arguments, as the single operation does before any SQL. */
  public static BatchHold of(
      long accountId,
      long amount,
      Instant expiresAt,
      Posting posting,
      @Nullable IdempotencyKey key) {
    return new BatchHold(
        Check.id(accountId, "accountId"),
        null,
        Check.amount(amount, "amount"),
        Check.instant(expiresAt, "expiresAt"),
        Check.notNull(posting, "posting"),
        key);
  }

  @Override
  public List<Long> accounts() {
    return target == null ? List.of(accountId) : List.of(accountId, target);
  }

  /** A hold reserves its unique reference on the account it holds on only, as alone. */
  @Override
  public List<Long> referencing() {
    return List.of(accountId);
  }

  @Override
  public byte[] fingerprint() {
    return KeyedOperation.hold(accountId, target, amount, expiresAt, posting());
  }

  @Override
  public HoldResult apply(LockedRows rows, BatchBook book, @Nullable Long keyId) {
    if (target != null && target == accountId) {
      return new SameAccount(accountId);
    }
    if (!rows.exists(accountId)) {
      return new NoSuchAccount(accountId);
    }
    if (target == null) {
      book.postings().requireExternal(posting(), accountId, rows);
    }
    if (target != null) {
      if (!rows.exists(target)) {
        return new NoSuchAccount(target);
      }
      if (!rows.currency(accountId).equals(rows.currency(target))) {
        return new CurrencyMismatch(rows.currency(accountId), rows.currency(target));
      }
    }
    if (!expiresAt.isAfter(book.clock())) {
      throw new InvalidArgumentException(
          "expiresAt must be after the database's clock, was " + expiresAt.toInstant());
    }
    SpendRefusal refused = rows.spendRefusal(accountId, amount);
    if (refused != null) {
      return refused;
    }
    book.postings().takeForHold(posting(), accountId);
    rows.spent(accountId, amount);
    book.spent(accountId, amount);
    long available = rows.hold(accountId, amount);
    slot = book.hold(accountId, rows.balance(accountId), target, amount, expiresAt, posting());
    pending = new Held(0, available);
    return pending;
  }

  @Override
  @SuppressWarnings("ReferenceEquality") // the very object apply returned, not an equal one
  public HoldResult resolve(HoldResult applied) {
    if (applied == pending && slot != null) { // the very result apply returned: now it has an id
      return new Held(slot.id(), pending.available());
    }
    return applied;
  }

  @Override
  public HoldResult alone(Movements movements, HoldOperations holds) {
    return holds.open(accountId, target, amount, expiresAt, posting(), key());
  }

  @Override
  public HoldResult replay(StoredOutcome stored) {
    return stored.asHold();
  }
}
