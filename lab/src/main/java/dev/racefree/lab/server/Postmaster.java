package dev.racefree.lab.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * A PostgreSQL server the lab started on this machine, known by its data directory: crashed with
 * {@code SIGKILL}, restarted on the same directory, started, promoted and stopped with the
 * cluster's own {@code pg_ctl}.
 */
public final class Postmaster {

  /** Long enough for crash recovery or a promotion on a busy two-core machine. */
  private static final String WAIT_SECONDS = "120";

  private final Path dataDirectory;
  private final Path binDirectory;
  private final PgCtl pgCtl;

  Postmaster(Path dataDirectory, Path binDirectory) {
    this.dataDirectory = dataDirectory;
    this.binDirectory = binDirectory;
    this.pgCtl = new PgCtl(binDirectory);
  }

  /** The server running on {@code dataDirectory}, with the binaries it runs from. */
  static Postmaster running(Path dataDirectory) {
    Path postgres =
        ProcessHandle.of(pid(dataDirectory))
            .flatMap(p -> p.info().command())
            .map(Path::of)
            .orElseThrow(() -> new IllegalStateException("no server runs on " + dataDirectory));
    return new Postmaster(
        dataDirectory,
        Objects.requireNonNull(postgres.getParent(), () -> postgres + " has no directory"));
  }

  Path dataDirectory() {
    return dataDirectory;
  }

  Path binDirectory() {
    return binDirectory;
  }

  /**
   * {@code kill -9} of the postmaster, then of every process it had started, as a crash of the
   * whole server; returns once all of them are gone. Nothing is shut down: no checkpoint, no
   * goodbye to clients, shared memory dropped.
   */
  public void crash() {
    ProcessHandle postmaster =
        ProcessHandle.of(pid(dataDirectory))
            .orElseThrow(() -> new IllegalStateException("no server runs on " + dataDirectory));
    List<ProcessHandle> all = new ArrayList<>();
    all.add(postmaster);
    all.addAll(postmaster.descendants().collect(Collectors.toList()));
    all.forEach(ProcessHandle::destroyForcibly);
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(60, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("server process " + p.pid() + " outlived kill -9", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while crashing the server", e);
      }
    }
  }

  /**
   * Starts the crashed server again on its data directory, with the options it last ran with
   * ({@code postmaster.opts}: same port, same settings), once crash recovery has replayed the WAL.
   */
  public void restart() {
    try {
      Files.deleteIfExists(dataDirectory.resolve("postmaster.pid")); // the dead server's
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    pgCtl.run("restart", "-D", dataDirectory.toString(), "-w", "-t", WAIT_SECONDS, "-l", log());
  }

  /** Starts the server on this data directory with {@code options} for {@code postgres}. */
  void start(String options) {
    pgCtl.run(
        "start",
        "-D",
        dataDirectory.toString(),
        "-w",
        "-t",
        WAIT_SECONDS,
        "-l",
        log(),
        "-o",
        options);
  }

  /**
   * The server's processes whose title ({@code /proc/<pid>/cmdline}, which PostgreSQL rewrites to
   * {@code postgres: walreceiver ...} and the like) names {@code role}.
   */
  List<ProcessHandle> processes(String role) {
    ProcessHandle postmaster =
        ProcessHandle.of(pid(dataDirectory))
            .orElseThrow(() -> new IllegalStateException("no server runs on " + dataDirectory));
    return postmaster.children().filter(p -> title(p).contains(" " + role)).toList();
  }

  private static String title(ProcessHandle p) {
    try {
      return new String(
              Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline")),
              StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException gone) {
      return ""; // it ended meanwhile
    }
  }

  /** {@code kill -<signal>} of {@code p}; returns once {@code kill} has sent it. */
  static void signal(String signal, ProcessHandle p) {
    try {
      Process kill =
          new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid()))
              .redirectErrorStream(true)
              .start();
      String said = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (kill.waitFor() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + p.pid() + ": " + said.strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signalling " + p.pid(), e);
    }
  }

  /** Ends recovery of a standby: it becomes a primary that takes writes. */
  void promote() {
    pgCtl.run("promote", "-D", dataDirectory.toString(), "-w", "-t", WAIT_SECONDS);
  }

  /** Fast shutdown: sessions are ended, the server stops cleanly. */
  void stop() {
    pgCtl.run("stop", "-D", dataDirectory.toString(), "-m", "fast", "-w", "-t", WAIT_SECONDS);
  }

  private String log() {
    return dataDirectory.resolve(BaseBackup.LAB_LOG).toString();
  }

  private static long pid(Path dataDirectory) {
    try {
      return Long.parseLong(Files.readAllLines(dataDirectory.resolve("postmaster.pid")).get(0));
    } catch (IOException e) {
      throw new UncheckedIOException("no postmaster.pid in " + dataDirectory, e);
    }
  }
}
