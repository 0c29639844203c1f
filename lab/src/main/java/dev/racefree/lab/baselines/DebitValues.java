package dev.racefree.lab.baselines;

import dev.racefree.HotStatement;
import java.sql.Types;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * What racefree binds for {@code accounts().debit(accountId, amount)}, parameter by parameter,
 * keyed by the names racefree gives them in {@link HotStatement#parameters()} ({@code account_id},
 * {@code delta}, {@code limit}, {@code entry_amount}, {@code spent}, {@code entry_kind}, {@code
 * correlation_id}, {@code idempotency_key_id}, {@code posting_id}, ...). A name the lab does not
 * know fails loudly: a baseline that guessed would no longer send racefree's statement.
 */
final class DebitValues {

  private DebitValues() {}

  /**
   * What racefree binds at {@code parameter} of {@code statement} for a debit of {@code amount}
   * from {@code accountId}; null is SQL NULL.
   *
   * @throws IllegalStateException when the lab does not know {@code parameter}
   */
  static @Nullable Object value(
      HotStatement statement, String parameter, long accountId, long amount) {
    return value(statement, parameter, accountId, amount, Direction.DEBIT);
  }

  /** As {@link #value(HotStatement, String, long, long)}, for a change going {@code direction}. */
  static @Nullable Object value(
      HotStatement statement, String parameter, long accountId, long amount, Direction direction) {
    return switch (parameter) {
      case "account_id" -> accountId;
      case "delta", "entry_amount" ->
          direction.delta(amount); // the signed change, journaled as it is
      case "limit" -> amount; // a debit needs spare funds >= limit, a credit room >= limit
      case "spent" -> amount; // what a debit counts in the account's velocity limits
      case "entry_kind" -> direction.kind(); // a label of the PostgreSQL enum racefree.entry_kind
      case "correlation_id", "idempotency_key_id" -> null; // no transfer, no key here
      case "posting_id" -> UUID.randomUUID(); // each debit is a posting of its own
      // Against the account's default external account, with no description.
      case "counterparty_id", "reference", "code", "metadata_keys", "metadata_values" -> null;
      case "unique_reference" -> false;
      default -> throw unknown(statement, parameter);
    };
  }

  /** Whether {@link #value} is a number, which a pgbench variable can hold. */
  static boolean numeric(HotStatement statement, String parameter) {
    return value(statement, parameter, 0, 0) instanceof Long;
  }

  /**
   * {@link #value} as a pgbench {@code \set} expression over the script's {@code :lo} and {@code
   * :hi} (the accounts' id range) and {@code :amount}; only for a {@link #numeric} parameter.
   */
  static String pgbenchExpression(HotStatement statement, String parameter) {
    return switch (parameter) {
      case "account_id" -> "random(:lo, :hi)";
      case "delta", "entry_amount" -> "-1 * :amount";
      case "limit", "spent" -> ":amount";
      default ->
          throw new IllegalStateException(
              parameter + " is no number: pgbench gets it as a literal");
    };
  }

  /** The JDBC type to bind a null with at {@code parameter}: PgJDBC needs one. */
  static int nullType(String parameter) {
    return switch (parameter) {
      case "correlation_id", "posting_id" -> Types.OTHER;
      case "reference" -> Types.VARCHAR;
      case "code" -> Types.INTEGER;
      case "metadata_keys", "metadata_values" -> Types.ARRAY;
      default -> Types.BIGINT;
    };
  }

  /** The SQL type of a null at {@code parameter}, for a pgbench literal. */
  static String nullSqlType(String parameter) {
    return switch (parameter) {
      case "correlation_id", "posting_id" -> "uuid";
      case "reference" -> "text";
      case "code" -> "integer";
      case "metadata_keys", "metadata_values" -> "text[]";
      default -> "bigint";
    };
  }

  private static IllegalStateException unknown(HotStatement statement, String parameter) {
    return new IllegalStateException(
        "racefree's \""
            + statement.name()
            + "\" statement binds a parameter \""
            + parameter
            + "\" the lab does not know, so its baselines cannot send the same statement: "
            + statement.sql());
  }
}
