package dev.racefree.lab.server;

import dev.racefree.embedded.EmbeddedPostgresServer;
import dev.racefree.embedded.ServerSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A primary and a synchronous streaming standby on this machine, both from the embedded binaries:
 * the primary waits for the standby to flush every commit's WAL before it acknowledges the commit
 * ({@code synchronous_standby_names}, {@code synchronous_commit=on}), so a commit a client saw
 * acknowledged survives the primary's death. {@link #killPrimary} kills the primary with {@code -9}
 * and {@link #promote} promotes the standby. Clients reach whichever is primary through {@link
 * #connect()}: a multi-host URL with {@code targetServerType=primary}.
 */
public final class StandbyPair implements AutoCloseable {

  /** The standby's {@code application_name}, which the primary names as synchronous. */
  static final String STANDBY = "racefree_standby";

  private final EmbeddedPostgresServer primary;
  private final Postmaster primaryProcess;
  private final Postmaster standby;
  private final int standbyPort;
  private final List<ProcessHandle> paused = new ArrayList<>();

  /** The start of the WAL, to turn an LSN into a number of bytes. */
  private static final String ZERO_LSN = "0/0";

  private StandbyPair(
      EmbeddedPostgresServer primary, Postmaster primaryProcess, Postmaster standby, int port) {
    this.primary = primary;
    this.primaryProcess = primaryProcess;
    this.standby = standby;
    this.standbyPort = port;
  }

  /** Starts both servers, durable, and returns once the standby is synchronous. */
  public static StandbyPair start(int maxConnections) throws IOException {
    EmbeddedPostgresServer primary =
        EmbeddedPostgresServer.start(
            ServerSettings.defaults()
                .withDurable(true)
                .withServerConfig("max_connections", String.valueOf(maxConnections)));
    try {
      Postmaster primaryProcess = Postmaster.running(primary.dataDirectory());
      Path standbyDir = Files.createTempDirectory("racefree-standby");
      Files.delete(standbyDir); // the copy makes it, with the permissions PostgreSQL demands
      BaseBackup.copy(primary.dataSource(), primary.dataDirectory(), standbyDir, STANDBY);
      Files.createFile(standbyDir.resolve("standby.signal"));
      Files.writeString(
          standbyDir.resolve("postgresql.auto.conf"),
          "primary_conninfo = 'host=localhost port=%d user=%s application_name=%s'\nprimary_slot_name = '%s'\n"
              .formatted(primary.port(), primary.user(), STANDBY, STANDBY),
          java.nio.file.StandardOpenOption.APPEND);
      int port = Scratch.freePort();
      Postmaster standby = new Postmaster(standbyDir, primaryProcess.binDirectory());
      standby.start(options(port, primary.settings()));
      StandbyPair pair = new StandbyPair(primary, primaryProcess, standby, port);
      try {
        pair.awaitSynchronous();
      } catch (RuntimeException e) {
        pair.close(); // stops the standby too, and deletes its copy
        throw e;
      }
      return pair;
    } catch (RuntimeException | IOException e) {
      primary.close();
      throw e;
    }
  }

  private static String options(int port, ServerSettings settings) {
    return "-p "
        + port
        + settings.postgresConfig().entrySet().stream()
            .map(e -> " -c " + e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining());
  }

  /**
   * Names the standby synchronous on the primary (in its configuration file, then a reload: no SQL
   * text is built) and waits until it is.
   */
  private void awaitSynchronous() {
    try {
      Files.writeString(
          primary.dataDirectory().resolve("postgresql.conf"),
          "\nsynchronous_standby_names = '%s'\n".formatted(STANDBY),
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (var c = primary.dataSource().getConnection()) {
      DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
      dsl.select(DSL.function("pg_reload_conf", Boolean.class)).fetchSingle();
      long deadline = System.nanoTime() + 60_000_000_000L;
      while (dsl.fetchCount(
              DSL.selectOne()
                  .from(DSL.table(DSL.name("pg_catalog", "pg_stat_replication")))
                  .where(DSL.field(DSL.name("application_name"), String.class).eq(STANDBY))
                  .and(DSL.field(DSL.name("sync_state"), String.class).eq("sync")))
          == 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException("the standby did not become synchronous within 60 s");
        }
        LockSupport.parkNanos(10_000_000L); // nothing to wait on but the catalog
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not reach the primary", e);
    }
  }

  /** Clients' way in: both servers, whichever is primary. */
  public Connect connect() {
    return new Connect(
        "jdbc:postgresql://localhost:%d,localhost:%d/%s?targetServerType=primary&hostRecheckSeconds=1"
            .formatted(primary.port(), standbyPort, EmbeddedPostgresServer.DATABASE),
        primary.user(),
        null);
  }

  /** {@code kill -9} of the primary and every process it started; returns once all are gone. */
  public void killPrimary() {
    primaryProcess.crash();
  }

  /**
   * Stops the standby from confirming anything: {@code SIGSTOP} of its walreceiver, so no WAL is
   * flushed there and every COMMIT on the primary waits for it ({@code wait_event = 'SyncRep'}).
   * {@link #resumeStandby} lets it go on.
   */
  public void pauseStandby() {
    if (!paused.isEmpty()) {
      throw new IllegalStateException("the standby is paused already");
    }
    List<ProcessHandle> receivers = standby.processes("walreceiver");
    if (receivers.isEmpty()) {
      throw new IllegalStateException("the standby runs no walreceiver");
    }
    for (ProcessHandle p : receivers) {
      Postmaster.signal("STOP", p);
      paused.add(p);
    }
  }

  /**
   * {@code SIGCONT} of what {@link #pauseStandby} stopped: the standby streams and confirms again.
   */
  public void resumeStandby() {
    try {
      for (ProcessHandle p : paused) {
        if (p.isAlive()) {
          Postmaster.signal("CONT", p);
        }
      }
    } finally {
      paused.clear();
    }
  }

  /**
   * Waits until the standby has flushed all the WAL the primary has flushed now (its {@code
   * flush_lsn} in {@code pg_stat_replication} at or past the primary's {@code
   * pg_current_wal_flush_lsn()} of this moment): every commit made so far is on the standby.
   */
  public void awaitStandbyFlushed(Duration within) {
    try (var c = primary.dataSource().getConnection()) {
      DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES);
      BigDecimal target =
          dsl.select(
                  DSL.function(
                      "pg_wal_lsn_diff",
                      BigDecimal.class,
                      DSL.function("pg_current_wal_flush_lsn", Object.class),
                      DSL.inline(ZERO_LSN)))
              .fetchSingle()
              .value1();
      long deadline = System.nanoTime() + within.toNanos();
      while (dsl.fetchCount(
              DSL.selectOne()
                  .from(DSL.table(DSL.name("pg_catalog", "pg_stat_replication")))
                  .where(DSL.field(DSL.name("application_name"), String.class).eq(STANDBY))
                  .and(
                      DSL.function(
                              "pg_wal_lsn_diff",
                              BigDecimal.class,
                              DSL.field(DSL.name("flush_lsn")),
                              DSL.inline(ZERO_LSN))
                          .ge(target)))
          == 0) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the standby did not flush the primary's WAL within " + within.toSeconds() + " s");
        }
        LockSupport.parkNanos(10_000_000L); // nothing to wait on but the catalog
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException("could not reach the primary", e);
    }
  }

  /** Promotes the standby; returns once it takes writes. */
  public void promote() {
    standby.promote();
  }

  @Override
  public void close() {
    try {
      resumeStandby(); // a stopped walreceiver would hold up the shutdown
      standby.stop();
    } finally {
      try {
        primary.close();
      } catch (RuntimeException alreadyDead) {
        // crashed by killPrimary(): nothing left to stop
      }
      Scratch.deleteTree(standby.dataDirectory());
    }
  }
}
