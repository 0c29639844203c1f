package dev.racefree.test;

import dev.racefree.test.internal.Explorer;
import dev.racefree.test.internal.ParkingDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * Runs two or three sessions of ordinary code (JDBC, jOOQ, racefree, a Spring service) through the
 * interleavings of their statements, with the database's real locks, and checks an invariant after
 * each schedule.
 *
 * <p>{@link #dataSource()} wraps the team's {@link DataSource}: hand it to the code under test. On
 * a session's thread, each of its connections parks before every statement and before every {@code
 * commit()}; a scheduler lets one parked session through at a time and waits until every session
 * has settled again: parked at its next point, finished, or waiting on a row lock another session
 * holds, which PostgreSQL reports in {@code pg_stat_activity} and {@code pg_blocking_pids}, so the
 * scheduler moves on instead of waiting for it. On any other thread the wrapper passes every call
 * straight through.
 *
 * <pre>{@code
 * Interleavings races = Interleavings.on(dataSource);
 * NaiveAccounts accounts = new NaiveAccounts(races.dataSource());
 * races.of(() -> accounts.debit(id, 100), () -> accounts.debit(id, 100))
 *     .setup(() -> reset(id, 100))
 *     .invariant(o -> assertThat(balance(id)).isEqualTo(100 - 100 * o.count(Boolean.TRUE::equals)))
 *     .exhaustively()
 *     .assertHolds();
 * }</pre>
 *
 * <p>Each schedule runs the sessions from the start, after the setup: the code must do the same
 * given the same order of steps (the exploration stops with an error when it does not).
 */
public final class Interleavings {

  /** How long a session may take to reach its next step, or stay blocked, before the run fails. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  private final ParkingDataSource dataSource;

  private Interleavings(ParkingDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Interleavings over {@code dataSource}, a pool or a plain data source of PgJDBC connections. */
  public static Interleavings on(DataSource dataSource) {
    Objects.requireNonNull(dataSource, "dataSource can not be null");
    return new Interleavings(
        dataSource instanceof ParkingDataSource p ? p : new ParkingDataSource(dataSource));
  }

  /** The data source to give the code under test: its connections park on sessions' threads. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** A plan for these sessions (two or three; four at most), numbered from 1 in this order. */
  public Plan of(Callable<?>... sessions) {
    Objects.requireNonNull(sessions, "sessions can not be null");
    if (sessions.length < 1 || sessions.length > 4) {
      throw new IllegalArgumentException(
          "give one to four sessions (two or three explore well), was " + sessions.length);
    }
    List<Callable<?>> list = new ArrayList<>(Arrays.asList(sessions));
    list.forEach(s -> Objects.requireNonNull(s, "a session can not be null"));
    return new Plan(dataSource, list, () -> {}, o -> {}, DEFAULT_TIMEOUT, List.of());
  }

  /** Sets the database up before each schedule: the same starting state for every one. */
  @FunctionalInterface
  public interface Setup {
    /** Runs before a schedule's sessions start. */
    void run() throws Exception;
  }

  /**
   * Sessions, a setup and an invariant, ready to explore. Immutable: each {@code with}-style method
   * returns a changed copy.
   */
  public static final class Plan {

    /** {@code -Dracefree.test.maxSchedules}: a bound for every exhaustive exploration. */
    public static final String MAX_SCHEDULES_PROPERTY = "racefree.test.maxSchedules";

    /** {@code -Dracefree.test.runs}: the runs of every random exploration, for a longer search. */
    public static final String RUNS_PROPERTY = "racefree.test.runs";

    private final ParkingDataSource dataSource;
    private final List<Callable<?>> sessions;
    private final Setup setup;
    private final Invariant invariant;
    private final Duration timeout;
    private final List<Fault> faults;

    private Plan(
        ParkingDataSource dataSource,
        List<Callable<?>> sessions,
        Setup setup,
        Invariant invariant,
        Duration timeout,
        List<Fault> faults) {
      this.dataSource = dataSource;
      this.sessions = sessions;
      this.setup = setup;
      this.invariant = invariant;
      this.timeout = timeout;
      this.faults = List.copyOf(faults);
    }

    /**
     * This plan injecting {@code fault} in every schedule, at the same step of the same session:
     * check that the code's retries (with the same idempotency key) converge.
     */
    public Plan fault(Fault fault) {
      Objects.requireNonNull(fault, "fault can not be null");
      if (fault.session() > sessions.size()) {
        throw new IllegalArgumentException(
            "no session " + fault.session() + " among " + sessions.size());
      }
      List<Fault> more = new ArrayList<>(faults);
      more.add(fault);
      return new Plan(dataSource, sessions, setup, invariant, timeout, more);
    }

    /** This plan with {@code setup} run before each schedule. */
    public Plan setup(Setup setup) {
      return new Plan(
          dataSource,
          sessions,
          Objects.requireNonNull(setup, "setup can not be null"),
          invariant,
          timeout,
          faults);
    }

    /** This plan checking {@code invariant} after each schedule. */
    public Plan invariant(Invariant invariant) {
      return new Plan(
          dataSource,
          sessions,
          setup,
          Objects.requireNonNull(invariant, "invariant can not be null"),
          timeout,
          faults);
    }

    /** This plan with another {@link Interleavings#DEFAULT_TIMEOUT}. */
    public Plan timeout(Duration timeout) {
      return new Plan(
          dataSource,
          sessions,
          setup,
          invariant,
          Objects.requireNonNull(timeout, "timeout can not be null"),
          faults);
    }

    /** Every interleaving, up to 1,000 schedules (or {@value #MAX_SCHEDULES_PROPERTY}). */
    public Exploration exhaustively() throws Exception {
      return exhaustively(1_000);
    }

    /**
     * Every interleaving, depth first, up to {@code maxSchedules} schedules (or {@value
     * #MAX_SCHEDULES_PROPERTY} when set); {@link Exploration#complete()} tells whether that was
     * all.
     */
    public Exploration exhaustively(int maxSchedules) throws Exception {
      if (maxSchedules < 1) {
        throw new IllegalArgumentException("maxSchedules must be at least 1, was " + maxSchedules);
      }
      return explorer().exhaustive(Integer.getInteger(MAX_SCHEDULES_PROPERTY, maxSchedules));
    }

    /**
     * {@code runs} random schedules (or {@value #RUNS_PROPERTY} when set), run {@code i} seeded
     * with {@code seed + i}, PCT-style: for spaces too large to run whole.
     */
    public Exploration randomly(long seed, int runs) throws Exception {
      if (runs < 1) {
        throw new IllegalArgumentException("runs must be at least 1, was " + runs);
      }
      return explorer().random(seed, Integer.getInteger(RUNS_PROPERTY, runs));
    }

    /** The one random schedule of {@code seed}, as {@link ScheduleFailure#seed()} names it. */
    public Exploration replaySeed(long seed) throws Exception {
      return explorer().random(seed, 1);
    }

    /**
     * The one schedule {@code schedule} names, sessions from 1 separated by spaces ({@link
     * Schedule#replay()}: {@code "1 2 2 2 1 1"}); past its end, the lowest parked session goes.
     */
    public Exploration replay(String schedule) throws Exception {
      Objects.requireNonNull(schedule, "schedule can not be null");
      List<Integer> order = new ArrayList<>();
      java.util.regex.Pattern.compile("\\s+")
          .splitAsStream(schedule.strip())
          .filter(s -> !s.isEmpty())
          .forEach(s -> order.add(Integer.parseInt(s)));
      return explorer().replay(order);
    }

    private Explorer explorer() {
      return new Explorer(dataSource.target(), sessions, setup::run, invariant, timeout, faults);
    }
  }
}
