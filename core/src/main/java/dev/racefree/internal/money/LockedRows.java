package dev.racefree.internal.money;

import static dev.racefree.internal.schema.Tables.ACCOUNTS;

import dev.racefree.exception.AmountOutOfRangeException;
import dev.racefree.exception.InternalErrorException;
import dev.racefree.internal.holds.HoldEnds;
import dev.racefree.internal.runner.Tx;
import dev.racefree.internal.schema.enums.AccountStatus;
import dev.racefree.internal.sql.Funds;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.CurrencyMismatch;
import dev.racefree.result.FundsRefusal;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.NoSuchAccount;
import dev.racefree.result.SameAccount;
import dev.racefree.result.SpendRefusal;
import dev.racefree.result.TransferResult;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Accounts locked by one {@code SELECT ... WHERE id IN (...) ORDER BY id FOR NO KEY UPDATE}
 * (ascending, so two such lockers never wait on each other in a cycle), and the checks a debit,
 * credit or transfer makes against them, in memory, exactly as the single statements make them in
 * SQL: state, available funds within the lower bound, the maximum, currency. Each applied change
 * moves the in-memory balance, so the next check sees what the ones before it left.
 */
public final class LockedRows {

  private final Tx tx;
  private final Map<Long, AccountRow> rows;

  /** The velocity limits of the limited accounts checked so far, with this work's spends. */
  private final Map<Long, List<Velocity.Use>> velocity = new HashMap<>();

  private LockedRows(Tx tx, Map<Long, AccountRow> rows) {
    this.tx = tx;
    this.rows = rows;
  }

  /** Locks every account of {@code ids} that exists, in ascending id order. */
  public static LockedRows lock(Tx tx, Collection<Long> ids) {
    Map<Long, AccountRow> rows = new HashMap<>();
    long since = tx.lockStarts();
    try {
      AccountRow.select(tx.dsl())
          .where(ACCOUNTS.ID.in(new TreeSet<>(ids)))
          .orderBy(ACCOUNTS.ID)
          .forNoKeyUpdate()
          .forEach(r -> rows.put(r.value1(), AccountRow.of(r)));
    } finally {
      tx.lockEnded(since);
    }
    return new LockedRows(tx, rows);
  }

  /**
   * Why a spend of {@code amount} from {@code id} (a debit, hold or outgoing transfer) would be
   * refused, or {@code null}: its funds or state ({@link #debitRefusal}), then its velocity limits,
   * with the spends this work {@linkplain #spent counted} so far. A limited account's limits are
   * read once, under its lock: exact.
   */
  public @Nullable SpendRefusal spendRefusal(long id, long amount) {
    FundsRefusal refused = debitRefusal(id, amount);
    if (refused != null) {
      return refused;
    }
    AccountRow row = rows.get(id);
    if (row == null || !row.limited()) {
      return null;
    }
    return Velocity.refusal(limits(id), id, amount);
  }

  /** Counts a spend of {@code amount} from {@code id}, checked by {@link #spendRefusal}. */
  public void spent(long id, long amount) {
    AccountRow row = present(id);
    if (row.limited()) {
      velocity.put(id, limits(id).stream().map(u -> u.spent(amount)).toList());
    }
  }

  private List<Velocity.Use> limits(long id) {
    return velocity.computeIfAbsent(id, locked -> Velocity.uses(tx, locked));
  }

  /**
   * Why a debit of {@code amount} from {@code id} would be refused for its funds or state, or
   * {@code null}; velocity limits are {@link #spendRefusal}'s.
   */
  public @Nullable FundsRefusal debitRefusal(long id, long amount) {
    AccountRow from = rows.get(id);
    if (from == null) {
      return null; // the caller says NoSuchAccount: its own result type
    }
    if (!from.covers(amount) && from.held() > 0 && HoldEnds.sweep(tx, id) > 0) {
      from = withHeld(from, AccountRow.read(tx, id).orElseThrow().held()); // locked: it is there
      rows.put(id, from); // lapsed holds stop counting
    }
    return from.covers(amount) ? null : from.debitRefusal();
  }

  /** Why a credit of {@code amount} to {@code id} would be refused, or {@code null}. */
  public @Nullable TransferResult creditRefusal(long id, long amount) {
    AccountRow to = present(id);
    if (to.status() == AccountStatus.closed) {
      return new AccountClosed(id);
    }
    if (!Funds.fits(to.balance(), to.maxBalance(), amount)) {
      if (to.maxBalance() == null) {
        throw AmountOutOfRangeException.overflow(id, to.balance(), amount);
      }
      return new LimitExceeded(id, to.balance(), to.maxBalance());
    }
    return null;
  }

  /** Why a transfer, a spend of {@code from}'s, would be refused, or {@code null}. */
  public @Nullable TransferResult transferRefusal(long from, long to, long amount) {
    return transferRefusal(from, to, amount, true);
  }

  /**
   * As {@link #transferRefusal(long, long, long)}; unless {@code spends} (a reversal, an import),
   * velocity limits do not judge it.
   */
  public @Nullable TransferResult transferRefusal(long from, long to, long amount, boolean spends) {
    if (from == to) {
      return new SameAccount(from);
    }
    AccountRow source = rows.get(from);
    AccountRow target = rows.get(to);
    if (source == null || target == null) {
      return new NoSuchAccount(source == null ? from : to);
    }
    if (!source.currency().equals(target.currency())) {
      return new CurrencyMismatch(source.currency(), target.currency());
    }
    TransferResult refused = spends ? spendRefusal(from, amount) : debitRefusal(from, amount);
    return refused != null ? refused : creditRefusal(to, amount);
  }

  public boolean exists(long id) {
    return rows.containsKey(id);
  }

  public String currency(long id) {
    return present(id).currency();
  }

  public long balance(long id) {
    return present(id).balance();
  }

  /** Counts a new hold of {@code amount} in the account's {@code held}; returns available after. */
  public long hold(long id, long amount) {
    AccountRow row = present(id);
    AccountRow after = withHeld(row, Math.addExact(row.held(), amount));
    rows.put(id, after);
    return after.available();
  }

  /** Moves the account's balance by {@code delta}; returns the balance after. */
  public long move(long id, long delta) {
    AccountRow row = present(id);
    long balance = Math.addExact(row.balance(), delta);
    rows.put(id, row.with(balance, row.held()));
    return balance;
  }

  private AccountRow present(long id) {
    AccountRow row = rows.get(id);
    if (row == null) {
      throw new InternalErrorException("a checked change names an account not locked: " + id);
    }
    return row;
  }

  private static AccountRow withHeld(AccountRow row, long held) {
    return row.with(row.balance(), held);
  }
}
