package dev.racefree;

import dev.racefree.exception.AmbiguousTransactionException;
import dev.racefree.exception.InvalidArgumentException;
import dev.racefree.exception.NestedTransactionException;
import dev.racefree.exception.TooManyRetriesException;
import dev.racefree.internal.check.Check;
import dev.racefree.internal.keys.Idempotency;
import dev.racefree.internal.keys.ResponseStore;
import dev.racefree.internal.ledger.Audit;
import dev.racefree.internal.runner.Contexts;
import dev.racefree.internal.runner.Instance;
import dev.racefree.internal.runner.OperationRunner;
import dev.racefree.internal.runner.Transactions;
import dev.racefree.internal.sql.HotStatements;
import dev.racefree.result.Retried;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.jooq.Configuration;
import org.jooq.DSLContext;

/**
 * racefree's entry point: balances and single-use tokens on PostgreSQL where the database decides
 * every race.
 *
 * <pre>{@code
 * Racefree rf = Racefree.using(dsl);
 * long id = rf.accounts().open("alice", "EUR");
 * }</pre>
 *
 * <p>Each operation takes one connection from the given {@link DSLContext} and either joins the
 * transaction the caller visibly opened on it or runs and commits its own, decided from facts and
 * never guessed (see {@linkplain dev.racefree the package documentation}). Instances are immutable
 * and thread-safe when the context is; one made per transaction is cheap (rendered statements are
 * shared by equal settings).
 */
public final class Racefree {

  /** How long idempotency keys are kept unless {@link #withKeyRetention} says otherwise. */
  public static final Duration DEFAULT_KEY_RETENTION = Duration.ofHours(24);

  /** The longest key retention accepted: ten years. */
  public static final Duration MAX_KEY_RETENTION = Duration.ofDays(3653);

  private final Instance instance;
  private final OperationRunner db;
  private final Accounts accounts;
  private final Tokens tokens;
  private final Codes codes;
  private final Quotas quotas;
  private final Holds holds;
  private final Limits limits;
  private final Lifecycle lifecycle;
  private final Ledger ledger;
  private final Transfers transfers;

  private Racefree(Instance instance) {
    this.instance = instance;
    this.db = instance.runner();
    this.accounts = new Accounts(instance);
    this.tokens = new Tokens(db);
    this.codes = new Codes(db);
    this.quotas = new Quotas(instance);
    this.holds = new Holds(instance);
    this.limits = new Limits(db);
    this.lifecycle = new Lifecycle(db);
    this.ledger = new Ledger(instance);
    this.transfers = new Transfers(instance);
  }

  /**
   * racefree over {@code dsl}, which must use a PostgreSQL dialect and reach a database migrated by
   * {@code dev.racefree.db.RacefreeMigrations}. Each operation joins the transaction the caller
   * opened on {@code dsl}, or runs and commits its own; see the package documentation for how
   * racefree tells which. A pool that hands out connections with auto-commit off is refused here:
   * use {@link #using(DSLContext, CallerTransaction)}.
   *
   * @throws AmbiguousTransactionException when racefree cannot tell whose transaction it is
   */
  public static Racefree using(DSLContext dsl) {
    return new Racefree(
        new Instance(OperationRunner.of(Contexts.unambiguous(dsl), null), DEFAULT_KEY_RETENTION));
  }

  /**
   * racefree over {@code dsl}, told by {@code callerTransaction} whether a transaction the caller
   * opened is active: then operations join it; otherwise each commits its own before it returns,
   * also on connections whose auto-commit is off.
   */
  public static Racefree using(DSLContext dsl, CallerTransaction callerTransaction) {
    Configuration cfg = Contexts.checked(dsl);
    return new Racefree(
        new Instance(
            OperationRunner.of(cfg, Check.notNull(callerTransaction, "callerTransaction")),
            DEFAULT_KEY_RETENTION));
  }

  /**
   * This racefree, keeping idempotency keys for {@code retention} (at least one second, at most
   * {@link #MAX_KEY_RETENTION}) before they expire. An expired key no longer replays: the same key
   * then executes as new.
   */
  public Racefree withKeyRetention(Duration retention) {
    return new Racefree(new Instance(db, Check.retention(retention, MAX_KEY_RETENTION)));
  }

  /**
   * This racefree, reporting each operation to {@code observer} ({@link RacefreeObserver#NONE} for
   * none, the default).
   */
  public Racefree withObserver(RacefreeObserver observer) {
    return new Racefree(instance.on(db.observedBy(Check.notNull(observer, "observer"))));
  }

  /**
   * Starts batching: debits, credits, transfers and holds queue while a batch is in the database,
   * and the next batch takes all that queued, in one transaction with set-based writes and one
   * commit. Close it when done; it holds up to {@code options.connections()} connections while
   * batches run.
   *
   * @throws InvalidArgumentException when the context is bound to one connection, not a pool
   */
  public Batching batching(BatchOptions options) {
    return new Batching(instance, Check.notNull(options, "options"));
  }

  /** Balances: atomic debits and credits, transfers, row locks, optimistic updates. */
  public Accounts accounts() {
    return accounts;
  }

  /** Counters with a cap on any key: API calls, login attempts, seats, stock. */
  public Quotas quotas() {
    return quotas;
  }

  /** Single-use tokens: issue once, redeem at most once. */
  public Tokens tokens() {
    return tokens;
  }

  /**
   * Multi-use codes: redeemable up to a number of times in total and per redeemer, inside a
   * validity window; each redemption recorded, and reversible once.
   */
  public Codes codes() {
    return codes;
  }

  /** Holds: reserve money now, capture or release it later. */
  public Holds holds() {
    return holds;
  }

  /** Per-account lower and upper bounds, enforced by the database. */
  public Limits limits() {
    return limits;
  }

  /** Freezing, unfreezing and closing accounts. */
  public Lifecycle lifecycle() {
    return lifecycle;
  }

  /** The journal: history, balances at past instants, reversals. */
  public Ledger ledger() {
    return ledger;
  }

  /** Multi-leg transfers, all or nothing. */
  public Transfers transfers() {
    return transfers;
  }

  /** Stored HTTP responses under idempotency keys, in the caller's transaction. */
  public Responses responses() {
    return new Responses(instance); // not on a hot path: made when asked
  }

  /**
   * Runs {@code work} in one transaction of racefree's own and re-runs the whole of it when
   * PostgreSQL aborts it with a serialization failure (40001) or a deadlock (40P01), and with 55P03
   * (lock not available) when the policy says so: at most {@code policy.maxAttempts()} attempts,
   * with jittered exponential backoff. {@code work} gets a racefree bound to the transaction; it
   * may run more than once, so keep side effects outside it.
   *
   * @return what the committed attempt returned, and how many attempts ran
   * @throws NestedTransactionException inside a caller's transaction, where a retry is impossible
   * @throws TooManyRetriesException when every attempt failed
   */
  public <T> Retried<T> inTransaction(RetryPolicy policy, Function<Racefree, T> work) {
    Check.notNull(policy, "policy");
    Check.notNull(work, "work");
    return db.ownTransaction(
        "racefree.inTransaction",
        policy,
        Transactions.Isolation.AS_SET,
        tx -> work.apply(new Racefree(instance.on(db.within(tx.dsl().configuration())))));
  }

  /**
   * Audits the invariants racefree keeps: every balance equals the sum of its ledger entries, no
   * balance is negative, every token redemption is consistent, every code counts exactly its
   * redemptions not reversed and no redeemer holds more than its cap. Read-only.
   */
  public AuditReport verify() {
    return db.run("racefree.verify", tx -> Audit.run(tx.dsl()));
  }

  /**
   * Deletes idempotency keys and {@link #responses() stored responses} whose retention has passed,
   * and returns how many, in one transaction.
   */
  public int purgeExpiredKeys() {
    return db.atomically(
        "racefree.purgeExpiredKeys",
        tx -> Idempotency.purgeExpired(tx.dsl()) + ResponseStore.purgeExpired(tx.dsl()));
  }

  /**
   * The SQL racefree sends on its hot paths (debit, credit, and the row locks), exactly as rendered
   * for this racefree's jOOQ settings: for a DBA to review, or a benchmark to send the same text.
   */
  public List<HotStatement> statements() {
    return HotStatements.reviewed(db.configuration());
  }
}
