package dev.racefree.internal.runner;

import dev.racefree.CallerTransaction;
import dev.racefree.exception.AmbiguousTransactionException;
import java.sql.Connection;
import java.sql.SQLException;
import org.jooq.Configuration;
import org.jooq.impl.DefaultConnectionProvider;
import org.jspecify.annotations.Nullable;

/**
 * Whose transaction an operation runs in, decided on the connection it runs on, from facts, never
 * guessed (all local calls, no round trip):
 *
 * <ol>
 *   <li>A {@link CallerTransaction}, when one was given, says whether the caller's transaction is
 *       active. It cannot be while the connection is in auto-commit: that is refused.
 *   <li>A connection in auto-commit has no transaction open: racefree's own ({@link #AUTO_COMMIT}).
 *   <li>A context bound to one connection that the caller handed over ({@code
 *       DSL.using(connection)}, or the {@code cfg.dsl()} that jOOQ's {@code transaction(...)}
 *       passes, under its default or thread-local transaction provider) with auto-commit off is
 *       inside the caller's transaction: the caller owns that connection and turned auto-commit
 *       off, so the caller commits it ({@link #CALLER}).
 *   <li>Anything else with auto-commit off (a pool set to {@code autoCommit=false}, or a connection
 *       a framework bound to the thread) cannot be told apart: refused.
 * </ol>
 */
public enum Owner {
  /**
   * Auto-commit is on: each statement commits itself; racefree begins and commits multi-statement
   * work.
   */
  AUTO_COMMIT,
  /**
   * Auto-commit is off and the caller opened nothing: racefree commits what it did before
   * returning.
   */
  OWN,
  /**
   * The caller's transaction: racefree joins it (savepoints for all-or-nothing work) and never
   * commits.
   */
  CALLER;

  public static Owner of(
      Configuration cfg, Connection connection, @Nullable CallerTransaction probe)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    if (probe != null) {
      boolean active = probe.isActive();
      if (active && autoCommit) {
        throw new AmbiguousTransactionException(
            "the CallerTransaction says a transaction is active, yet the "
                + "connection racefree was given is in auto-commit, so no transaction can be open on it; "
                + "make the DSLContext hand out the transaction's connection (for Spring, a "
                + "TransactionAwareDataSourceProxy)");
      }
      return active ? CALLER : autoCommit ? AUTO_COMMIT : OWN;
    }
    if (autoCommit) {
      return AUTO_COMMIT;
    }
    if (cfg.connectionProvider() instanceof DefaultConnectionProvider
        || inJooqTransaction(cfg, connection)) {
      return CALLER;
    }
    throw ambiguous(cfg);
  }

  /**
   * Whether {@code connection} is the one jOOQ's transaction API pinned in {@code cfg}: jOOQ's
   * {@code DefaultTransactionProvider} (also under {@code ThreadLocalTransactionProvider}) keeps
   * the running transaction's connection in the configuration's data, wrapped in a {@link
   * DefaultConnectionProvider}, from begin until the transaction ends.
   */
  @SuppressWarnings("ReferenceEquality") // the very connection, not an equal one
  private static boolean inJooqTransaction(Configuration cfg, Connection connection) {
    for (Object value : cfg.data().values()) {
      if (value instanceof DefaultConnectionProvider pinned && pinned.acquire() == connection) {
        return true;
      }
    }
    return false;
  }

  public static AmbiguousTransactionException ambiguous(Configuration cfg) {
    return new AmbiguousTransactionException(
        "racefree cannot tell whose transaction this is: a connection from "
            + cfg.connectionProvider().getClass().getName()
            + " has auto-commit off, which is either a "
            + "transaction the caller opened or a pool that hands out connections with auto-commit off. "
            + "Inside jOOQ's dsl.transaction(cfg -> ...), use Racefree.using(cfg.dsl()); otherwise say "
            + "which it is with Racefree.using(dsl, callerTransaction), for example "
            + "TransactionSynchronizationManager::isActualTransactionActive under Spring, or () -> false "
            + "for a pool with auto-commit off");
  }
}
