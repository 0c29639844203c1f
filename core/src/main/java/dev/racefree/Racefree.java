package dev.racefree;

import dev.racefree.exception.TooManyRetriesException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.NestedTransactionException;
import dev.racefree.result.Retried;
import java.time.Duration;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

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

  /** How long idempotency keys are kept unless {@link #withKeyRetention} says otherwise. */
  public static final Duration DEFAULT_KEY_RETENTION = Duration.ofHours(24);

  private final Db db;
  private final Duration keyRetention;
  private final Accounts accounts;
  private final Tokens tokens;

  private Racefree(Db db, Duration keyRetention) {
    this.db = db;
    this.keyRetention = keyRetention;
    this.accounts = new Accounts(db, keyRetention);
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
    Configuration own = dsl.configuration().derive(new OwnTransactions(dsl.configuration().connectionProvider()));
    return new Racefree(new Db(DSL.using(own)), DEFAULT_KEY_RETENTION);
  }

  /**
   * This racefree, keeping idempotency keys for {@code retention} (at least one second) before
   * they expire. An expired key no longer replays: the same key then executes as new.
   */
  public Racefree withKeyRetention(Duration retention) {
    Check.notNull(retention, "retention");
    if (retention.compareTo(Duration.ofSeconds(1)) < 0) {
      throw new InvalidArgumentException("retention must be at least 1 second, was " + retention);
    }
    return new Racefree(db, retention);
  }

  /** Balances: atomic debits and credits, row locks, optimistic updates. */
  public Accounts accounts() {
    return accounts;
  }

  /** Single-use tokens: issue once, redeem at most once. */
  public Tokens tokens() {
    return tokens;
  }

  /**
   * Runs {@code work} in one transaction and re-runs the whole of it when PostgreSQL aborts it
   * with a serialization failure (40001) or a deadlock (40P01), and with 55P03 (lock not
   * available) when the policy says so: at most {@code policy.maxAttempts()} attempts, with
   * jittered exponential backoff. {@code work} gets a racefree bound to the transaction; it may
   * run more than once, so keep side effects outside it.
   *
   * @return what the committed attempt returned, and how many attempts ran
   * @throws NestedTransactionException when this racefree's context is already inside a
   *     transaction, where a retry is impossible
   * @throws TooManyRetriesException when every attempt failed
   */
  public <T> Retried<T> inTransaction(RetryPolicy policy, Function<Racefree, T> work) {
    Check.notNull(policy, "policy");
    Check.notNull(work, "work");
    if (db.inTransaction()) {
      throw new NestedTransactionException();
    }
    return Retrying.run(policy,
        () -> db.transactionOnce(cfg -> work.apply(new Racefree(db.on(cfg.dsl()), keyRetention))));
  }

  /**
   * Audits the invariants racefree keeps: every balance equals the sum of its ledger entries, no
   * balance is negative, every token redemption is consistent. Read-only.
   */
  public AuditReport verify() {
    return db.run(Audit::run);
  }

  /** Deletes idempotency keys whose retention has passed, and returns how many. */
  public int purgeExpiredKeys() {
    return db.run(Idempotency::purgeExpired);
  }
}
