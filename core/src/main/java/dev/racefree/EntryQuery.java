package dev.racefree;

import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.internal.check.Check;
import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which ledger entries {@link Ledger#entries(EntryQuery, int)} returns: an immutable value, built
 * from one of the four starting points and narrowed by the methods that return a copy.
 *
 * <pre>{@code
 * EntryQuery q = EntryQuery.byAccount(id).code(7).between(from, to).direction(Direction.IN);
 * }</pre>
 *
 * <p>Every starting point is served by an index of its own: the account's entries, the entries
 * whose counterparty is an account (all the postings against an external account), the entries of
 * one code, the entries of one reference. Each narrowing is a further condition on the same rows.
 * Entries come oldest first, in event time ({@link LedgerEntry#writtenAt()}) and then id order.
 *
 * <p>Each method checks its argument at once and throws {@link InvalidArgumentException} naming it;
 * a query that was built is valid.
 */
public final class EntryQuery {

  /** Which way the money of an entry went, for its own account. */
  public enum Direction {
    /** Money in: a positive amount. */
    IN,
    /** Money out: a negative amount. */
    OUT
  }

  private final @Nullable Long accountId;
  private final @Nullable Long counterpartyId;
  private final @Nullable Integer code;
  private final @Nullable String reference;
  private final @Nullable Instant from;
  private final @Nullable Instant to;
  private final @Nullable Direction direction;

  private EntryQuery(
      @Nullable Long accountId,
      @Nullable Long counterpartyId,
      @Nullable Integer code,
      @Nullable String reference,
      @Nullable Instant from,
      @Nullable Instant to,
      @Nullable Direction direction) {
    this.accountId = accountId;
    this.counterpartyId = counterpartyId;
    this.code = code;
    this.reference = reference;
    this.from = from;
    this.to = to;
    this.direction = direction;
  }

  private static final EntryQuery NONE = new EntryQuery(null, null, null, null, null, null, null);

  /** The entries of one account: its side of every posting it took part in. */
  public static EntryQuery byAccount(long accountId) {
    return NONE.account(accountId);
  }

  /**
   * The entries whose counterparty is {@code accountId}: for an external account, every posting
   * against it (each deposit from it and withdrawal to it, as the internal account's side); for an
   * internal one, the other sides of its two-sided postings.
   */
  public static EntryQuery byCounterparty(long accountId) {
    return NONE.counterparty(accountId);
  }

  /** The entries that carry the caller's {@code code}. */
  public static EntryQuery byCode(int code) {
    return NONE.code(code);
  }

  /**
   * The entries that carry the caller's {@code reference}, in every account; narrow to one with
   * {@link #account(long)}.
   *
   * @param reference 1 to 200 characters
   */
  public static EntryQuery byReference(String reference) {
    return NONE.reference(reference);
  }

  /** This query, only the entries of account {@code accountId}. */
  public EntryQuery account(long accountId) {
    return new EntryQuery(
        Check.id(accountId, "accountId"), counterpartyId, code, reference, from, to, direction);
  }

  /**
   * This query, only the entries whose counterparty is {@code accountId}: with {@link
   * #byAccount(long)}, the postings between that account and this one.
   */
  public EntryQuery counterparty(long accountId) {
    return new EntryQuery(
        this.accountId,
        Check.id(accountId, "counterpartyId"),
        code,
        reference,
        from,
        to,
        direction);
  }

  /** This query, only the entries that carry {@code code}. */
  public EntryQuery code(int code) {
    return new EntryQuery(accountId, counterpartyId, code, reference, from, to, direction);
  }

  /**
   * This query, only the entries that carry {@code reference}.
   *
   * @param reference 1 to 200 characters
   */
  public EntryQuery reference(String reference) {
    return new EntryQuery(
        accountId,
        counterpartyId,
        code,
        Check.text(reference, "reference", 200),
        from,
        to,
        direction);
  }

  /**
   * This query, only the entries whose event time is in {@code [from, to)}.
   *
   * @param from the first instant included
   * @param to the first instant excluded, not before {@code from}
   */
  public EntryQuery between(Instant from, Instant to) {
    Check.instant(from, "from");
    Check.instant(to, "to");
    if (to.isBefore(from)) {
      throw new InvalidArgumentException("to must not be before from, was " + to + " < " + from);
    }
    return new EntryQuery(accountId, counterpartyId, code, reference, from, to, direction);
  }

  /** This query, only the entries that moved money {@code direction} for their own account. */
  public EntryQuery direction(Direction direction) {
    return new EntryQuery(
        accountId,
        counterpartyId,
        code,
        reference,
        from,
        to,
        Check.notNull(direction, "direction"));
  }

  /** The account whose entries these are, or {@code null} for any. */
  public @Nullable Long accountId() {
    return accountId;
  }

  /** The counterparty the entries have, or {@code null} for any. */
  public @Nullable Long counterpartyId() {
    return counterpartyId;
  }

  /** The code the entries carry, or {@code null} for any. */
  public @Nullable Integer code() {
    return code;
  }

  /** The reference the entries carry, or {@code null} for any. */
  public @Nullable String reference() {
    return reference;
  }

  /** The first instant of the time range, or {@code null} when there is none. */
  public @Nullable Instant from() {
    return from;
  }

  /** The first instant after the time range, or {@code null} when there is none. */
  public @Nullable Instant to() {
    return to;
  }

  /** The direction of the entries, or {@code null} for both. */
  public @Nullable Direction direction() {
    return direction;
  }

  /** The same query: equal conditions. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof EntryQuery q
        && Objects.equals(accountId, q.accountId)
        && Objects.equals(counterpartyId, q.counterpartyId)
        && Objects.equals(code, q.code)
        && Objects.equals(reference, q.reference)
        && Objects.equals(from, q.from)
        && Objects.equals(to, q.to)
        && direction == q.direction;
  }

  @Override
  public int hashCode() {
    return Objects.hash(accountId, counterpartyId, code, reference, from, to, direction);
  }

  /** The conditions, for logs: {@code EntryQuery[account=1, code=7]}. */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("EntryQuery[");
    append(s, "account", accountId);
    append(s, "counterparty", counterpartyId);
    append(s, "code", code);
    append(s, "reference", reference);
    append(s, "from", from);
    append(s, "to", to);
    append(s, "direction", direction);
    return s.append(']').toString();
  }

  private static void append(StringBuilder s, String name, @Nullable Object value) {
    if (value != null) {
      s.append(s.length() > "EntryQuery[".length() ? ", " : "")
          .append(name)
          .append('=')
          .append(value);
    }
  }
}
