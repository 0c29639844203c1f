package dev.racefree;

import org.jooq.DSLContext;

/**
 * Handles a page of the change feed for {@link Ledger#consume}, in the transaction that then stores
 * the consumer's cursor past it: what it writes through {@code tx} commits with the cursor, or
 * neither does.
 */
@FunctionalInterface
public interface ChangeConsumer {

  /**
   * Handles {@code page}, never empty. An exception rolls back its work and leaves the cursor where
   * it was; it propagates unchanged.
   *
   * @param tx the transaction's context: statements through it are part of the transaction
   */
  void accept(ChangePage page, DSLContext tx);
}
