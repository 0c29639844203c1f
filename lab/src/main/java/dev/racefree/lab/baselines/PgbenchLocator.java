package dev.racefree.lab.baselines;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds pgbench: the path given, then PATH, then beside PostgreSQL server binaries (the embedded
 * server's extracted binaries, and Debian/Ubuntu's /usr/lib/postgresql/N/bin). Remembers where it
 * looked, so a missing pgbench is reported with the places searched, never skipped silently.
 */
public final class PgbenchLocator {

  private final List<Path> searched = new ArrayList<>();

  public Optional<Path> find(Path explicit) {
    if (explicit != null) {
      return check(explicit);
    }
    String path = System.getenv("PATH");
    if (path != null) {
      for (String dir : path.split(java.io.File.pathSeparator)) {
        if (!dir.isBlank()) {
          Optional<Path> found = check(Path.of(dir, "pgbench"));
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    for (Path bin : serverBinDirs()) {
      Optional<Path> found = check(bin.resolve("pgbench"));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  public List<Path> searched() {
    return List.copyOf(searched);
  }

  private Optional<Path> check(Path candidate) {
    searched.add(candidate);
    return Files.isExecutable(candidate) && Files.isRegularFile(candidate)
        ? Optional.of(candidate) : Optional.empty();
  }

  private static List<Path> serverBinDirs() {
    List<Path> dirs = new ArrayList<>();
    // io.zonky.test extracts its server binaries under java.io.tmpdir/embedded-pg/PG-<hash>/bin.
    children(Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"), dirs);
    children(Path.of("/usr/lib/postgresql"), dirs);
    return dirs.stream().map(d -> d.resolve("bin")).sorted(java.util.Comparator.reverseOrder()).toList();
  }

  private static void children(Path dir, List<Path> into) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
      stream.forEach(into::add);
    } catch (IOException e) {
      // unreadable: nothing to find there, and searched() still names it
    }
  }
}
