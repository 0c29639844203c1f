package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One posting of history brought in from another ledger, at the time it happened: a credit or a
 * debit of one account against an external account, or a transfer between two accounts. {@link
 * Ledger#importPostings} writes it as if it had happened at {@link #at()}.
 *
 * <pre>{@code
 * ImportedPosting.credit(alice, 10_000, Instant.parse("2024-01-05T09:30:00Z"))
 *     .with(Posting.of().reference("legacy-1"));
 * }</pre>
 *
 * @param kind what the posting does
 * @param accountId the account credited or debited; for a transfer, the account the money leaves
 * @param to for a transfer, the account the money reaches; otherwise {@code null}
 * @param amount minor units, positive
 * @param at the event time: for each account, not before its newest entry's, and not after the
 *     database's clock when imported
 * @param posting the caller's description; for a credit or a debit, its {@link Posting#external()
 *     external account} (otherwise the currency's default one)
 */
public record ImportedPosting(
    Kind kind, long accountId, @Nullable Long to, long amount, Instant at, Posting posting) {

  /** What an imported posting does. */
  public enum Kind {
    /** Money in: the account is credited, its external account debited. */
    CREDIT,
    /** Money out: the account is debited, its external account credited. */
    DEBIT,
    /** Money from {@code accountId} to {@code to}. */
    TRANSFER
  }

  /** Checks every component before any SQL. */
  public ImportedPosting {
    Check.notNull(kind, "kind");
    Check.id(accountId, kind == Kind.TRANSFER ? "from" : "accountId");
    if ((kind == Kind.TRANSFER) != (to != null)) {
      throw new InvalidArgumentException(
          "to must name the account a transfer reaches, and only a transfer's");
    }
    if (to != null) {
      Check.id(to, "to");
    }
    Check.amount(amount, "amount");
    Check.instant(at, "at");
    Check.notNull(posting, "posting");
    if (to != null && posting.external() != null) {
      throw new InvalidArgumentException(
          "posting: an external account is for a credit or a debit, not a transfer");
    }
  }

  /** {@code amount} credited to {@code accountId} from its external account, at {@code at}. */
  public static ImportedPosting credit(long accountId, long amount, Instant at) {
    return new ImportedPosting(Kind.CREDIT, accountId, null, amount, at, Posting.of());
  }

  /** {@code amount} debited from {@code accountId} to its external account, at {@code at}. */
  public static ImportedPosting debit(long accountId, long amount, Instant at) {
    return new ImportedPosting(Kind.DEBIT, accountId, null, amount, at, Posting.of());
  }

  /** {@code amount} from {@code from} to {@code to}, at {@code at}. */
  public static ImportedPosting transfer(long from, long to, long amount, Instant at) {
    return new ImportedPosting(Kind.TRANSFER, from, to, amount, at, Posting.of());
  }

  /** This posting described by {@code posting}. */
  public ImportedPosting with(Posting posting) {
    return new ImportedPosting(kind, accountId, to, amount, at, posting);
  }
}
