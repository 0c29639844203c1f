package dev.racefree.lab.bench;

import com.zaxxer.hikari.HikariDataSource;
import dev.racefree.HotStatement;
import dev.racefree.Racefree;
import dev.racefree.db.RacefreeMigrations;
import dev.racefree.lab.baselines.Direction;
import dev.racefree.lab.baselines.JdbcDebit;
import dev.racefree.lab.baselines.SingleSided;
import dev.racefree.lab.baselines.Unchained;
import dev.racefree.lab.load.LoadResult;
import dev.racefree.lab.load.LoadRunner;
import dev.racefree.lab.load.Operation;
import dev.racefree.lab.load.Outcome;
import dev.racefree.lab.load.Stop;
import dev.racefree.lab.load.Tally;
import dev.racefree.lab.load.Workload;
import dev.racefree.lab.report.Progress;
import dev.racefree.lab.report.Requests;
import dev.racefree.lab.report.ResultRow;
import dev.racefree.lab.report.Run;
import dev.racefree.lab.report.Throughput;
import dev.racefree.lab.server.LabServer;
import dev.racefree.lab.strategies.Gap;
import dev.racefree.lab.strategies.Operations;
import dev.racefree.lab.strategies.Strategy;
import dev.racefree.result.AccountClosed;
import dev.racefree.result.CreditResult;
import dev.racefree.result.Credited;
import dev.racefree.result.LimitExceeded;
import dev.racefree.result.NoSuchAccount;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.conf.MappedSchema;
import org.jooq.conf.RenderMapping;
import org.jooq.conf.Settings;
import org.jspecify.annotations.Nullable;

/**
 * What postings and the hash chain cost: racefree's deposit ({@code credit(id, amount)}, a posting
 * against the account's default external account) against the single-sided credit racefree sent at
 * schema version 10, on 100,000 accounts; and racefree's atomic debit against the version-10 debit,
 * on one hot row and on the uniform accounts. The version-10 statements run on a scratch schema
 * ({@value #SCRATCH_SCHEMA}) migrated to version 10 with the same migrations, through a render
 * mapping, by raw JDBC (racefree's own hot path is a prepared statement too). Every runner runs
 * {@code repeat} times at each point, in turn, the order rotating from round to round; the report
 * gives each runner's median run and ratio = racefree's median / the baseline's.
 */
public final class Postings {

  /** The scratch schema the version-10 statements run on. */
  public static final String SCRATCH_SCHEMA = "racefree_v10";

  /** The schema version the scratch schema is migrated to. */
  static final String SCRATCH_VERSION = "10";

  static final String DEPOSIT = "deposit";
  static final String DEBIT = Strategy.ATOMIC.label();
  static final String V10 = "v10";

  /** racefree's posting without the hash chain, on the current schema: the chain's own cost. */
  static final String NO_CHAIN = "no chain";

  private static final long AMOUNT = 1;

  /** One runner of a comparison: who (null: racefree), where, and what it sends on its pool. */
  private record Runner(
      @Nullable String baseline,
      Workload workload,
      DSLContext totals,
      Function<DataSource, Operation> operation) {}

  /** racefree's change and its baselines, on one workload. */
  private record Comparison(String strategy, Direction direction, List<Runner> runners) {

    int accounts() {
      return runners.getFirst().workload().ids().length;
    }

    String title() {
      return strategy
          + ", "
          + (accounts() == 1 ? "hot row" : String.format("%,d accounts uniform", accounts()));
    }
  }

  /** Every run of one runner at one point, in the order they ran. */
  public record Repeats(String title, int clients, String runner, List<Double> opsPerSecond) {}

  /** The median rows (the baselines' with their ratios) and every run's throughput. */
  public record Result(List<ResultRow> rows, List<Repeats> repeats) {}

  private final LabServer server;
  private final PostingsSettings settings;
  private final Progress progress;

  public Postings(LabServer server, PostingsSettings settings, Progress progress) {
    this.server = server;
    this.settings = settings;
    this.progress = progress;
  }

  /** How many measured runs {@link #run} makes, or skips, for the progress bar. */
  public static long runs(PostingsSettings s) {
    return (long) s.clients().size() * s.repeat() * runnersPerClientCount();
  }

  private static int runnersPerClientCount() {
    return 3 * 3; // deposit, hot debit, uniform debit: racefree, v10, no chain
  }

  /** The render mapping that sends racefree's tables to the scratch schema. */
  static Settings scratch() {
    return new Settings()
        .withRenderMapping(
            new RenderMapping()
                .withSchemata(
                    new MappedSchema()
                        .withInput(RacefreeMigrations.SCHEMA)
                        .withOutput(SCRATCH_SCHEMA)));
  }

  public Result run() throws InterruptedException {
    progress.message("migrating " + SCRATCH_SCHEMA + " to version " + SCRATCH_VERSION);
    server.migrateTo(SCRATCH_SCHEMA, SCRATCH_VERSION);
    Settings mapped = scratch();
    DSLContext admin = server.admin();
    DSLContext v10Admin = server.admin(mapped);
    progress.message("opening accounts");
    long balance = BenchSettings.BALANCE;
    int n = settings.uniformAccounts();
    Workload hot = Workload.open(admin, "postings-hot", 1, balance);
    Workload uniform = Workload.open(admin, "postings-uniform", n, balance);
    Workload v10Hot = Workload.openSingleSided(v10Admin, "postings-hot", 1, balance);
    Workload v10Uniform = Workload.openSingleSided(v10Admin, "postings-uniform", n, balance);
    HotStatement v10Credit = SingleSided.credit(mapped);
    HotStatement v10Debit = SingleSided.debit(mapped);
    HotStatement unchainedCredit = Unchained.credit(new Settings());
    HotStatement unchainedDebit = Unchained.debit(new Settings());
    Function<DataSource, Operation> deposit = Postings::deposit;
    Function<DataSource, Operation> debit = Postings::debit;
    Function<DataSource, Operation> v10Deposit =
        pool -> JdbcDebit.change(pool, v10Credit, Direction.CREDIT, AMOUNT);
    Function<DataSource, Operation> v10Debits =
        pool -> JdbcDebit.change(pool, v10Debit, Direction.DEBIT, AMOUNT);
    Function<DataSource, Operation> unchainedDeposit =
        pool -> JdbcDebit.change(pool, unchainedCredit, Direction.CREDIT, AMOUNT);
    Function<DataSource, Operation> unchainedDebits =
        pool -> JdbcDebit.change(pool, unchainedDebit, Direction.DEBIT, AMOUNT);
    List<Comparison> comparisons =
        List.of(
            new Comparison(
                DEPOSIT,
                Direction.CREDIT,
                List.of(
                    new Runner(null, uniform, admin, deposit),
                    new Runner(V10, v10Uniform, v10Admin, v10Deposit),
                    new Runner(NO_CHAIN, uniform, admin, unchainedDeposit))),
            new Comparison(
                DEBIT,
                Direction.DEBIT,
                List.of(
                    new Runner(null, hot, admin, debit),
                    new Runner(V10, v10Hot, v10Admin, v10Debits),
                    new Runner(NO_CHAIN, hot, admin, unchainedDebits))),
            new Comparison(
                DEBIT,
                Direction.DEBIT,
                List.of(
                    new Runner(null, uniform, admin, debit),
                    new Runner(V10, v10Uniform, v10Admin, v10Debits),
                    new Runner(NO_CHAIN, uniform, admin, unchainedDebits))));
    warmUp(comparisons);
    List<ResultRow> rows = new ArrayList<>();
    List<Repeats> repeats = new ArrayList<>();
    for (int clients : settings.clients()) {
      Optional<String> skip = server.budget().shortfall(clients, clients + " clients");
      for (Comparison c : comparisons) {
        if (skip.isPresent()) {
          rows.add(
              ResultRow.skipped(Run.racefree(c.strategy(), clients, c.accounts()), skip.get()));
          for (int i = 0; i < settings.repeat() * c.runners().size(); i++) {
            progress.step();
          }
          continue;
        }
        point(c, clients, rows, repeats);
      }
    }
    return new Result(rows, repeats);
  }

  /**
   * Every runner of {@code c}, in turn, as many times as asked; their medians into {@code rows}.
   */
  private void point(Comparison c, int clients, List<ResultRow> rows, List<Repeats> repeats)
      throws InterruptedException {
    Map<Runner, List<ResultRow>> runs = new LinkedHashMap<>();
    c.runners().forEach(r -> runs.put(r, new ArrayList<>()));
    for (int round = 0; round < settings.repeat(); round++) {
      List<Runner> order = new ArrayList<>(c.runners());
      java.util.Collections.rotate(order, -round); // each runner goes first in turn
      for (Runner r : order) {
        progress.message(
            c.title()
                + ", "
                + clients
                + " clients, "
                + label(r)
                + " ("
                + (round + 1)
                + "/"
                + settings.repeat()
                + ")");
        List<ResultRow> own = runs.get(r);
        if (own != null) {
          own.add(measure(c, r, clients));
        }
      }
    }
    ResultRow racefree = median(runs.get(c.runners().getFirst()));
    for (Map.Entry<Runner, List<ResultRow>> e : runs.entrySet()) {
      ResultRow m = median(e.getValue());
      rows.add(e.getKey().baseline() == null ? m : m.comparedWith(racefree));
      repeats.add(
          new Repeats(
              c.title(),
              clients,
              label(e.getKey()),
              e.getValue().stream().map(x -> x.throughput().opsPerSecond()).toList()));
    }
  }

  private static String label(Runner r) {
    String baseline = r.baseline();
    return baseline == null ? "racefree" : baseline;
  }

  /** The run of median throughput (of an even count, the lower of the middle two). */
  private static ResultRow median(@Nullable List<ResultRow> runs) {
    if (runs == null || runs.isEmpty()) {
      throw new IllegalStateException("no runs to take a median of");
    }
    List<ResultRow> sorted =
        runs.stream()
            .sorted(Comparator.comparingDouble(r -> r.throughput().opsPerSecond()))
            .toList();
    return sorted.get((sorted.size() - 1) / 2);
  }

  /** JIT and server caches, before the first point: each runner of the uniform workloads. */
  private void warmUp(List<Comparison> comparisons) throws InterruptedException {
    int clients =
        Math.min(
            Math.min(8, server.budget().free()),
            settings.clients().stream().mapToInt(Integer::intValue).max().orElse(1));
    if (clients < 1) {
      return;
    }
    progress.message("warming up");
    for (Comparison c : comparisons) {
      if (c.accounts() == 1) {
        continue;
      }
      for (Runner r : c.runners()) {
        try (HikariDataSource pool = server.pool(clients);
            Operation op = r.operation().apply(pool)) {
          Workload w = r.workload();
          LoadRunner.run(
              clients, Stop.after(settings.warmup()), op, w.ids(), w.choice(), false, () -> {});
        }
      }
    }
  }

  /** One run of {@code r} at {@code clients}, on a pool of its own, closed before this returns. */
  private ResultRow measure(Comparison c, Runner r, int clients) throws InterruptedException {
    Workload w = r.workload();
    long before = w.total(r.totals());
    LoadResult load;
    try (HikariDataSource pool = server.pool(clients);
        Operation op = r.operation().apply(pool)) {
      load =
          LoadRunner.run(
              clients, Stop.after(settings.duration()), op, w.ids(), w.choice(), false, () -> {});
    }
    long after = w.total(r.totals());
    progress.step();
    Tally t = load.total();
    t.reportFirstError(c.title() + ", " + clients + " clients, " + label(r));
    return Bench.row(
        new Measurement(
            new Run(c.strategy(), clients, w.ids().length, r.baseline()),
            Throughput.of(load.ops(), load.opsPerSecond(), t.latencyMicros()),
            new Requests(t.succeeded(), t.rejected(), 0, t.deadlocks(), t.errors()),
            before,
            after),
        c.direction().delta(AMOUNT));
  }

  private static Operation deposit(DataSource pool) {
    var accounts = Racefree.using(LabServer.dsl(pool)).accounts();
    return id -> credited(accounts.credit(id, AMOUNT));
  }

  private static Operation debit(DataSource pool) {
    return Operations.debit(Strategy.ATOMIC, LabServer.dsl(pool), AMOUNT, Gap.NONE, null);
  }

  private static Outcome credited(CreditResult result) {
    return switch (result) {
      case Credited c -> Outcome.SUCCEEDED;
      case LimitExceeded l -> Outcome.REJECTED;
      case NoSuchAccount n ->
          throw new IllegalStateException("the lab's account " + n.id() + " vanished");
      case AccountClosed c ->
          throw new IllegalStateException("the lab's account " + c.accountId() + " is closed");
    };
  }
}
