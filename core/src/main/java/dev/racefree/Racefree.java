package dev.racefree;

import org.jooq.DSLContext;
import org.jooq.SQLDialect;

/**
 * racefree's entry point: balances and single-use tokens on PostgreSQL where the database
 * decides every race.
 *
 * <pre>{@code
 * Racefree rf = Racefree.using(dsl);
 * long id = rf.accounts().open("alice", "EUR");
 * }</pre>
 *
 * <p>Operations run on the given {@link DSLContext}. When that context is inside a transaction
 * (for example {@code dsl.transaction(cfg -> Racefree.using(cfg.dsl())...)}), they join it; a
 * racefree operation that needs its own transaction, such as {@link Accounts#withLock}, then
 * runs in a savepoint. Instances are immutable and thread-safe when the context is.
 */
public final class Racefree {

  private final Accounts accounts;
  private final Tokens tokens;

  private Racefree(Db db) {
    this.accounts = new Accounts(db);
    this.tokens = new Tokens(db);
  }

  /**
   * racefree over {@code dsl}, which must use a PostgreSQL dialect and reach a database migrated
   * by {@code dev.racefree.db.RacefreeMigrations}.
   */
  public static Racefree using(DSLContext dsl) {
    Check.notNull(dsl, "dsl");
    if (dsl.dialect().family() != SQLDialect.POSTGRES) {
      throw new InvalidArgumentException("dsl must use SQLDialect.POSTGRES, was " + dsl.dialect());
    }
    return new Racefree(new Db(dsl));
  }

  /** Balances: atomic debits and credits, row locks, optimistic updates. */
  public Accounts accounts() {
    return accounts;
  }

  /** Single-use tokens: issue once, redeem at most once. */
  public Tokens tokens() {
    return tokens;
  }
}
