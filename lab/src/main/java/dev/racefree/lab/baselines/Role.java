package dev.racefree.lab.baselines;

import dev.racefree.HotStatement;
import java.sql.Types;
import java.util.Locale;

/**
 * The parameter roles of racefree's {@link HotStatement}s that the lab knows, and what racefree
 * binds for each in {@code accounts().debit(accountId, amount)}. A role the lab does not know fails
 * loudly: a baseline that guessed would no longer send racefree's statement.
 */
enum Role {
  ACCOUNT_ID,
  /** The signed change: {@code -amount} for a debit. */
  DELTA,
  /** A debit needs {@code balance >= limit}: the amount. */
  LIMIT,
  /** The journaled amount, equal to {@link #DELTA}. */
  ENTRY_AMOUNT,
  /** The ledger entry's kind, a label of the PostgreSQL enum {@code racefree.entry_kind}. */
  ENTRY_KIND,
  /** The transfer the entry belongs to: none for a debit. */
  CORRELATION_ID,
  /** The idempotency key the debit ran under: none here. */
  IDEMPOTENCY_KEY_ID;

  /** The role named {@code name} at a parameter of {@code statement}. */
  static Role named(String name, HotStatement statement) {
    for (Role r : values()) {
      if (r.paramName().equals(name)) {
        return r;
      }
    }
    throw new IllegalStateException(
        "racefree's \""
            + statement.name()
            + "\" statement binds a parameter \""
            + name
            + "\" the lab does not know, so its baselines cannot send the same statement: "
            + statement.sql());
  }

  /** The name in {@link HotStatement#parameters()}, and the pgbench variable's. */
  String paramName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * What racefree binds here for a debit of {@code amount} from {@code accountId}; null is SQL
   * NULL.
   */
  Object debit(long accountId, long amount) {
    return switch (this) {
      case ACCOUNT_ID -> accountId;
      case DELTA, ENTRY_AMOUNT -> -amount;
      case LIMIT -> amount;
      case ENTRY_KIND -> "debit";
      case CORRELATION_ID, IDEMPOTENCY_KEY_ID -> null;
    };
  }

  /** Whether the value is a number, which a pgbench variable can hold. */
  boolean numeric() {
    return switch (this) {
      case ACCOUNT_ID, DELTA, LIMIT, ENTRY_AMOUNT -> true;
      case ENTRY_KIND, CORRELATION_ID, IDEMPOTENCY_KEY_ID -> false;
    };
  }

  /**
   * {@link #debit}'s value as a pgbench {@code \set} expression over the script's {@code :lo} and
   * {@code :hi} (the accounts' id range) and {@code :amount}; only for a {@link #numeric} role.
   */
  String pgbenchExpression() {
    return switch (this) {
      case ACCOUNT_ID -> "random(:lo, :hi)";
      case DELTA, ENTRY_AMOUNT -> "-1 * :amount";
      case LIMIT -> ":amount";
      case ENTRY_KIND, CORRELATION_ID, IDEMPOTENCY_KEY_ID ->
          throw new IllegalStateException(this + " is no number: pgbench gets it as a literal");
    };
  }

  /** The JDBC type to bind a null with: PgJDBC needs one. */
  int nullType() {
    return this == CORRELATION_ID ? Types.OTHER : Types.BIGINT;
  }
}
