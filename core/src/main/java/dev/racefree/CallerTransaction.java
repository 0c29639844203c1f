package dev.racefree;

/**
 * Tells racefree whether the calling thread is inside a transaction that the caller opened, for
 * set-ups where racefree cannot tell by itself: a pool that hands out connections with auto-commit
 * off, or a framework that binds transactions to threads. For Spring, {@code
 * TransactionSynchronizationManager::isActualTransactionActive}; for a pool with auto-commit off
 * and no caller transactions at all, {@code () -> false}.
 *
 * <p>When it answers {@code true}, racefree joins that transaction (its work commits or rolls back
 * with the caller's); when {@code false}, every racefree operation commits its own transaction
 * before it returns. See {@link Racefree#using(org.jooq.DSLContext, CallerTransaction)}.
 */
@FunctionalInterface
public interface CallerTransaction {

  /** Whether a transaction opened by the caller is active on this thread's connection. */
  boolean isActive();
}
