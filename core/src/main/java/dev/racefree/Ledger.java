package dev.racefree;

import static dev.racefree.internal.schema.Tables.LEDGER_ENTRIES;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.UnknownAccountException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.ledger.Entries;
import dev.racefree.internal.ledger.Reversal;
import dev.racefree.internal.money.AccountRow;
import dev.racefree.internal.runner.OperationRunner;
import dev.racefree.result.ReverseResult;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

/**
 * Reads of the append-only journal: an account's entries in a time range, a page at a time, and its
 * balance at an instant. Each entry is written with its balance change, under the account's row
 * lock, so for one account entry ids and write times rise together.
 */
public final class Ledger {

  /** The largest page {@link #history} returns. */
  public static final int MAX_PAGE = 1_000;

  private final OperationRunner db;

  Ledger(OperationRunner db) {
    this.db = db;
  }

  /**
   * The account's entries written in {@code [from, to)}, oldest first: at most {@code pageSize},
   * after the entry with id {@code afterId} (0 for the first page; pass the last id of a page to
   * get the next one).
   *
   * @param pageSize 1 to {@link #MAX_PAGE}
   */
  public List<LedgerEntry> history(
      long accountId, Instant from, Instant to, long afterId, int pageSize) {
    Check.id(accountId, "accountId");
    OffsetDateTime start = Check.instant(from, "from");
    OffsetDateTime end = Check.instant(to, "to");
    if (afterId < 0) {
      throw new InvalidArgumentException("afterId must be 0 or an entry id, was " + afterId);
    }
    if (pageSize < 1 || pageSize > MAX_PAGE) {
      throw new InvalidArgumentException(
          "pageSize must be between 1 and " + MAX_PAGE + ", was " + pageSize);
    }
    return db.run(
        "ledger.history",
        tx ->
            tx.dsl()
                .select(Entries.FIELDS)
                .from(LEDGER_ENTRIES)
                .where(LEDGER_ENTRIES.ACCOUNT_ID.eq(accountId))
                .and(LEDGER_ENTRIES.CREATED_AT.ge(start))
                .and(LEDGER_ENTRIES.CREATED_AT.lt(end))
                .and(LEDGER_ENTRIES.ID.gt(afterId))
                .orderBy(LEDGER_ENTRIES.CREATED_AT, LEDGER_ENTRIES.ID)
                .limit(pageSize)
                .fetch(Entries::of));
  }

  /**
   * The balance as of {@code at}: the balance after the last entry written at or before it, or 0
   * when none was.
   *
   * @throws UnknownAccountException when no account has this id
   */
  public long balanceAt(long accountId, Instant at) {
    Check.id(accountId, "accountId");
    OffsetDateTime instant = Check.instant(at, "at");
    return db.run(
        "ledger.balanceAt",
        tx -> {
          if (AccountRow.read(tx, accountId).isEmpty()) {
            throw new UnknownAccountException(accountId);
          }
          return tx.dsl()
              .select(LEDGER_ENTRIES.BALANCE_AFTER)
              .from(LEDGER_ENTRIES)
              .where(LEDGER_ENTRIES.ACCOUNT_ID.eq(accountId))
              .and(LEDGER_ENTRIES.CREATED_AT.le(instant))
              .orderBy(LEDGER_ENTRIES.ID.desc())
              .limit(1)
              .fetchOptional(LEDGER_ENTRIES.BALANCE_AFTER)
              .orElse(0L);
        });
  }

  /**
   * Reverses a transfer at most once, however many callers race: moves its amount back from its
   * target to its source, journaled as two entries of kind {@code reversal} under a new correlation
   * id. Refused, changing nothing, when the target can not give the money back (funds, bound,
   * frozen or closed) or the source can not take it (maximum, closed).
   *
   * @param correlationId the transfer's, as its ledger entries carry it
   */
  public ReverseResult reverse(UUID correlationId) {
    return reverse(correlationId, Posting.of());
  }

  /** {@link #reverse(UUID)}, the reversal's sides described by {@code posting}. */
  public ReverseResult reverse(UUID correlationId, Posting posting) {
    Check.notNull(correlationId, "correlationId");
    Check.notNull(posting, "posting");
    return db.atomically("ledger.reverse", tx -> Reversal.run(tx, correlationId, posting));
  }
}
