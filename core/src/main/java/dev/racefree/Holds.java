package dev.racefree;

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
 * <p>Holding and capturing take an optional {@link IdempotencyKey}: a repeat of the same request
 * returns the first outcome ({@code Held} with the same hold id, {@code Captured}, or {@code
 * InsufficientFunds}) and changes nothing; the same key with another request throws {@link
 * IdempotencyConflictException}. Other refusals keep nothing, so a repeat is judged again.
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
    return open(Check.id(accountId, "accountId"), null, amount, expiresAt, null);
  }

  /** {@link #hold(long, long, Instant)} at most once per {@code key}. */
  public HoldResult hold(long accountId, long amount, Instant expiresAt, IdempotencyKey key) {
    Check.notNull(key, "key");
    return open(Check.id(accountId, "accountId"), null, amount, expiresAt, key);
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
    return open(Check.id(from, "from"), Check.id(to, "to"), amount, expiresAt, null);
  }

  /** {@link #holdTransfer(long, long, long, Instant)} at most once per {@code key}. */
  public HoldResult holdTransfer(
      long from, long to, long amount, Instant expiresAt, IdempotencyKey key) {
    Check.notNull(key, "key");
    return open(Check.id(from, "from"), Check.id(to, "to"), amount, expiresAt, key);
  }

  /** A hold on {@code from}, for {@code to} when a transfer; keyed when {@code key} is given. */
  private HoldResult open(
      long from, @Nullable Long to, long amount, Instant expiresAt, @Nullable IdempotencyKey key) {
    Check.amount(amount, "amount");
    OffsetDateTime until = Check.instant(expiresAt, "expiresAt");
    return ops.open(from, to, amount, until, key);
  }

  /**
   * Captures {@code amount}, at most the held amount, before the hold expires: the amount leaves
   * the balance (one ledger entry, of kind {@code capture}; for a held transfer, it goes to the
   * target, journaled as a transfer), and the rest of the hold is released.
   *
   * @param amount minor units, positive, at most the held amount
   */
  public CaptureResult capture(long holdId, long amount) {
    Check.id(holdId, "holdId");
    Check.amount(amount, "amount");
    return ops.capture(holdId, amount, null);
  }

  /**
   * {@link #capture(long, long)} at most once per {@code key}: a repeat after a capture that
   * committed returns its {@code Captured}, not {@code AlreadyCaptured}.
   */
  public CaptureResult capture(long holdId, long amount, IdempotencyKey key) {
    Check.id(holdId, "holdId");
    Check.amount(amount, "amount");
    return ops.capture(holdId, amount, Check.notNull(key, "key"));
  }

  /** Releases the hold before it expires: its whole amount becomes available again. */
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
