package dev.racefree;

import dev.racefree.exception.DuplicateReferenceException;
import dev.racefree.exception.IdempotencyConflictException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.UnknownAccountException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.holds.HoldOperations;
import dev.racefree.internal.runner.Instance;
import dev.racefree.result.CaptureResult;
import dev.racefree.result.HoldResult;
import dev.racefree.result.ReleaseResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.jspecify.annotations.Nullable;

/**
 * Holds, or two-phase debits: {@link #hold} reserves money on an account until it is {@link
 * #capture captured} (in part or in full), {@link #release released}, or expires. Available funds
 * are the balance minus active holds; every debit, transfer and hold checks them in its own
 * conditional statement, so holds and debits together never pass the account's lower bound.
 *
 * <p>Expiry is by the database's clock, at the start of each statement: from {@code expiresAt} on,
 * a hold can not be captured or released and stops counting. No sweeper is needed: the first
 * operation that needs the money marks the account's lapsed holds expired; {@link #sweepExpired}
 * marks them all, for the record. Each hold ends exactly once, however many callers race: a
 * capture, a release and the expiry of one hold never more than one of them wins.
 *
 * <p>Holding and capturing take an optional {@link Posting}: a hold keeps its posting, and its
 * capture's entries carry it, or the capture's own when the capture gives one.
 *
 * <p>Holding and capturing take an optional {@link IdempotencyKey}: a repeat of the same request
 * returns the first outcome ({@code Held} with the same hold id, {@code Captured}, or {@code
 * InsufficientFunds}) and changes nothing; the same key with another request (another posting
 * included) throws {@link IdempotencyConflictException}. Other refusals keep nothing, so a repeat
 * is judged again.
 */
public final class Holds {

  private final HoldOperations ops;

  Holds(Instance instance) {
    this.ops = new HoldOperations(instance);
  }

  /**
   * Reserves {@code amount} on the account until {@code expiresAt}, if available funds cover it
   * within the account's lower bound.
   *
   * @param amount minor units, positive
   * @param expiresAt when the hold lapses; must be after the database's clock
   * @throws InvalidArgumentException when {@code expiresAt} is not after the database's clock
   */
  public HoldResult hold(long accountId, long amount, Instant expiresAt) {
    return open(Check.id(accountId, "accountId"), null, amount, expiresAt, Posting.of(), null);
  }

  /** {@link #hold(long, long, Instant)} at most once per {@code key}. */
  public HoldResult hold(long accountId, long amount, Instant expiresAt, IdempotencyKey key) {
    Check.notNull(key, "key");
    return open(Check.id(accountId, "accountId"), null, amount, expiresAt, Posting.of(), key);
  }

  /**
   * {@link #hold(long, long, Instant)}, described by {@code posting}. Opening a hold writes no
   * ledger entry: the posting is kept on the hold, and its capture's entry carries it (unless the
   * capture gives its own), against the posting's external account or the currency's default one. A
   * {@linkplain Posting#uniqueReference(String) unique reference} is reserved on the account while
   * the hold is active: it is refused with {@link DuplicateReferenceException} when an entry or
   * another active hold of the account carries it.
   */
  public HoldResult hold(long accountId, long amount, Instant expiresAt, Posting posting) {
    Check.id(accountId, "accountId");
    Check.notNull(posting, "posting");
    return open(accountId, null, amount, expiresAt, posting, null);
  }

  /** {@link #hold(long, long, Instant, IdempotencyKey)}, described by {@code posting}. */
  public HoldResult hold(
      long accountId, long amount, Instant expiresAt, Posting posting, IdempotencyKey key) {
    Check.id(accountId, "accountId");
    Check.notNull(posting, "posting");
    Check.notNull(key, "key");
    return open(accountId, null, amount, expiresAt, posting, key);
  }

  /**
   * A held transfer: reserves {@code amount} on {@code from} until {@code expiresAt}, and a capture
   * moves what it takes to {@code to}, both legs journaled as a transfer under one correlation id.
   * The accounts must differ and share a currency; the target's maximum and state are checked when
   * the hold is captured.
   *
   * @param amount minor units, positive
   * @param expiresAt when the hold lapses; must be after the database's clock
   */
  public HoldResult holdTransfer(long from, long to, long amount, Instant expiresAt) {
    return open(Check.id(from, "from"), Check.id(to, "to"), amount, expiresAt, Posting.of(), null);
  }

  /** {@link #holdTransfer(long, long, long, Instant)} at most once per {@code key}. */
  public HoldResult holdTransfer(
      long from, long to, long amount, Instant expiresAt, IdempotencyKey key) {
    Check.notNull(key, "key");
    return open(Check.id(from, "from"), Check.id(to, "to"), amount, expiresAt, Posting.of(), key);
  }

  /**
   * {@link #holdTransfer(long, long, long, Instant)}, described by {@code posting}: kept on the
   * hold, and carried by both sides of its capture unless the capture gives its own, as {@link
   * #hold(long, long, Instant, Posting)} says (a transfer's sides name each other, so the posting's
   * external account plays no part).
   */
  public HoldResult holdTransfer(
      long from, long to, long amount, Instant expiresAt, Posting posting) {
    long source = Check.id(from, "from");
    long target = Check.id(to, "to");
    Check.notNull(posting, "posting");
    return open(source, target, amount, expiresAt, posting, null);
  }

  /**
   * {@link #holdTransfer(long, long, long, Instant, IdempotencyKey)}, described by {@code posting}.
   */
  public HoldResult holdTransfer(
      long from, long to, long amount, Instant expiresAt, Posting posting, IdempotencyKey key) {
    long source = Check.id(from, "from");
    long target = Check.id(to, "to");
    Check.notNull(posting, "posting");
    Check.notNull(key, "key");
    return open(source, target, amount, expiresAt, posting, key);
  }

  /** A hold on {@code from}, for {@code to} when a transfer; keyed when {@code key} is given. */
  private HoldResult open(
      long from,
      @Nullable Long to,
      long amount,
      Instant expiresAt,
      Posting posting,
      @Nullable IdempotencyKey key) {
    Check.amount(amount, "amount");
    OffsetDateTime until = Check.instant(expiresAt, "expiresAt");
    return ops.open(from, to, amount, until, posting, key);
  }

  /**
   * Captures {@code amount}, at most the held amount, before the hold expires: the amount leaves
   * the balance (one ledger entry, of kind {@code capture}; for a held transfer, it goes to the
   * target, journaled as a transfer), and the rest of the hold is released. The entries carry the
   * posting the hold was opened with.
   *
   * @param amount minor units, positive, at most the held amount
   */
  public CaptureResult capture(long holdId, long amount) {
    Check.id(holdId, "holdId");
    Check.amount(amount, "amount");
    return ops.capture(holdId, amount, Posting.of(), null);
  }

  /**
   * {@link #capture(long, long)} at most once per {@code key}: a repeat after a capture that
   * committed returns its {@code Captured}, not {@code AlreadyCaptured}.
   */
  public CaptureResult capture(long holdId, long amount, IdempotencyKey key) {
    Check.id(holdId, "holdId");
    Check.amount(amount, "amount");
    return ops.capture(holdId, amount, Posting.of(), Check.notNull(key, "key"));
  }

  /**
   * {@link #capture(long, long)}, its entries described by {@code posting} instead of the hold's
   * (an empty posting, {@link Posting#of()}, keeps the hold's). A plain hold's capture posts
   * against the posting's external account, or the currency's default one. A unique reference
   * already on an entry of the account is refused with {@link DuplicateReferenceException}, the
   * hold staying active; so is the hold's own, when an entry took it after the hold opened.
   */
  public CaptureResult capture(long holdId, long amount, Posting posting) {
    Check.id(holdId, "holdId");
    Check.amount(amount, "amount");
    return ops.capture(holdId, amount, Check.notNull(posting, "posting"), null);
  }

  /** {@link #capture(long, long, IdempotencyKey)}, described by {@code posting}. */
  public CaptureResult capture(long holdId, long amount, Posting posting, IdempotencyKey key) {
    Check.id(holdId, "holdId");
    Check.amount(amount, "amount");
    Check.notNull(posting, "posting");
    return ops.capture(holdId, amount, posting, Check.notNull(key, "key"));
  }

  /**
   * Releases the hold before it expires: its whole amount becomes available again. A release (and
   * an expiry) moves no balance and writes no ledger entry, so it takes no posting; the hold's
   * stays on the hold, and its unique reference is free again.
   */
  public ReleaseResult release(long holdId) {
    Check.id(holdId, "holdId");
    return ops.release(holdId);
  }

  /**
   * The balance minus active, unexpired holds, by the database's clock.
   *
   * @throws UnknownAccountException when no account has this id
   */
  public long available(long accountId) {
    Check.id(accountId, "accountId");
    return ops.available(accountId);
  }

  /**
   * Marks every hold whose expiry has passed expired, account by account, and returns how many. Not
   * needed for correctness: lapsed holds already stop counting. Run it to keep the record tidy.
   */
  public int sweepExpired() {
    return ops.sweepExpired();
  }
}
