package dev.racefree;

import java.util.function.Function;
import org.jooq.DSLContext;
import org.jooq.TransactionalCallable;
import org.jooq.exception.DataAccessException;

/**
 * Runs jOOQ work on the caller's {@link DSLContext} and turns every failure into a classified
 * {@link RacefreeException}; the caller's own exceptions pass through untouched. Transactions nest: inside a caller's transaction they become
 * savepoints, so racefree's work joins the caller's.
 */
final class Db {

  private final DSLContext dsl;

  Db(DSLContext dsl) {
    this.dsl = dsl;
  }

  DSLContext dsl() {
    return dsl;
  }

  <T> T run(Function<DSLContext, T> work) {
    try {
      return work.apply(dsl);
    } catch (DataAccessException e) {
      throw Failures.classify(e);
    }
  }

  <T> T transaction(TransactionalCallable<T> work) {
    try {
      return dsl.transactionResult(work);
    } catch (DataAccessException e) {
      throw Failures.classify(e);
    }
  }
}
