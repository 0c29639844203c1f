package dev.racefree.lab.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the cluster's own {@code pg_ctl}, from the same binaries the embedded server runs.
 * PostgreSQL refuses to run as root; as root, the command runs in a new user namespace ({@code
 * unshare -U}), as the embedded server itself is started.
 */
final class PgCtl {

  private final Path pgCtl;

  PgCtl(Path binDirectory) {
    this.pgCtl = binDirectory.resolve("pg_ctl");
  }

  /** Runs {@code pg_ctl args...} and waits for it; a non-zero exit is an error with its output. */
  void run(String... args) {
    List<String> command = new ArrayList<>();
    if (ProcessHandle.current().info().user().filter("root"::equals).isPresent()) {
      command.add("unshare");
      command.add("-U");
    }
    command.add(pgCtl.toString());
    command.addAll(List.of(args));
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = p.waitFor();
      if (exit != 0) {
        throw new IllegalStateException(
            String.join(" ", command) + " exited " + exit + ": " + output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running " + command, e);
    }
  }
}
