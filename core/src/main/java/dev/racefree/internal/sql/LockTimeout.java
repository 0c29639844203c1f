package dev.racefree.internal.sql;

import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.val;

import dev.racefree.internal.runner.Tx;
import org.jooq.Field;

/**
 * A bound on one statement's lock wait. PostgreSQL has no per-statement wait bound, so {@code
 * lock_timeout} is set for the (sub)transaction ({@code set_config(..., true)}, as {@code SET
 * LOCAL}) and put back right after the statement, so it does not leak into the rest of a caller's
 * transaction. If the statement fails, rolling back the (sub)transaction restores the setting.
 */
public final class LockTimeout {

  private LockTimeout() {}

  /** Sets {@code lock_timeout} to {@code millis} and returns the setting it replaced. */
  public static String set(Tx tx, long millis) {
    return tx.dsl().select(current(), set(String.valueOf(millis))).fetchSingle().value1();
  }

  /** Puts back the setting {@link #set} returned. */
  public static void restore(Tx tx, String previous) {
    tx.dsl().select(set(previous)).fetchSingle();
  }

  private static Field<String> current() {
    return function("current_setting", String.class, val("lock_timeout"));
  }

  private static Field<String> set(String value) {
    return function("set_config", String.class, val("lock_timeout"), val(value), inline(true));
  }
}
