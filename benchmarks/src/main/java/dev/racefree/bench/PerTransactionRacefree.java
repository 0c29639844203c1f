package dev.racefree.bench;

import dev.racefree.Racefree;
import dev.racefree.db.RacefreeMigrations;
import dev.racefree.embedded.EmbeddedPostgresServer;
import dev.racefree.embedded.ServerSettings;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Does a {@code Racefree} made per transaction ({@code Racefree.using(cfg.dsl())}, as the README
 * shows) cost more than one reused? Both run the same debit on the same connection inside a
 * caller's transaction; the only difference is the {@code using} call and its first use of the
 * shared renderings. The round trip dominates wall time, so the difference is racefree's CPU.
 *
 * <pre>{@code
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -cp "$(cat benchmarks/target/classpath.txt):benchmarks/target/classes" org.openjdk.jmh.Main PerTransactionRacefree
 * }</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(1)
public class PerTransactionRacefree {

  private EmbeddedPostgresServer pg;
  private Connection connection;
  private DSLContext dsl;
  private Racefree reused;
  private long account;

  @Setup(Level.Trial)
  public void start() throws SQLException {
    pg = EmbeddedPostgresServer.start(ServerSettings.defaults().withDurable(false));
    RacefreeMigrations.migrate(pg.dataSource());
    connection = pg.dataSource().getConnection();
    connection.setAutoCommit(false);
    dsl = DSL.using(connection, SQLDialect.POSTGRES);
    reused = Racefree.using(dsl);
    account = reused.accounts().open("bench", "EUR");
    reused.accounts().credit(account, Long.MAX_VALUE / 2);
    connection.commit();
  }

  @TearDown(Level.Trial)
  public void stop() throws SQLException {
    connection.close();
    pg.close();
  }

  @Benchmark
  public Object reusedInstance() throws SQLException {
    Object result = reused.accounts().debit(account, 1);
    connection.commit();
    return result;
  }

  @Benchmark
  public Object instancePerTransaction() throws SQLException {
    Object result = Racefree.using(dsl).accounts().debit(account, 1);
    connection.commit();
    return result;
  }

  /** What a lookup of shared renderings pays to key them: hashing and comparing the settings. */
  @Benchmark
  public boolean settingsHashAndEquals() {
    return dsl.settings().hashCode() == 0
        && dsl.settings().equals(dsl.configuration().derive().settings());
  }

  /** The cost of {@code using} and the shared-rendering lookup alone, without the round trip. */
  @Benchmark
  public Object usingAndStatementLookup() {
    return Racefree.using(dsl).statements();
  }
}
