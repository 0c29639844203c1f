package dev.racefree.lab.baselines;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Finds pgbench: the path given, then each directory on PATH, then beside PostgreSQL server
 * binaries ({@code <root>/<version>/bin}, newest version first: the embedded server's extracted
 * binaries, and Debian/Ubuntu's /usr/lib/postgresql/N/bin). Remembers every place it looked, as an
 * absolute path, so a missing pgbench is reported with the places searched, never skipped silently.
 */
public final class PgbenchLocator {

  private final String pathVariable;
  private final List<Path> serverRoots;
  private final List<Path> searched = new ArrayList<>();

  /** Searches this process's PATH and the usual server binary roots. */
  public PgbenchLocator() {
    // io.zonky.test extracts its server binaries under java.io.tmpdir/embedded-pg/PG-<hash>/bin.
    this(
        System.getenv("PATH"),
        List.of(
            Path.of(System.getProperty("java.io.tmpdir"), "embedded-pg"),
            Path.of("/usr/lib/postgresql")));
  }

  /**
   * @param pathVariable a PATH value ({@code File.pathSeparator}-separated directories), or null
   * @param serverRoots directories whose {@code <child>/bin} may hold PostgreSQL's binaries
   */
  PgbenchLocator(String pathVariable, List<Path> serverRoots) {
    this.pathVariable = pathVariable;
    this.serverRoots = List.copyOf(serverRoots);
  }

  /** {@code explicit} when given (and nowhere else), else the first pgbench found. */
  public Optional<Path> find(@Nullable Path explicit) {
    if (explicit != null) {
      return check(explicit);
    }
    List<Path> dirs = new ArrayList<>();
    if (pathVariable != null) {
      for (String dir : pathVariable.split(Pattern.quote(File.pathSeparator), -1)) {
        if (!dir.isBlank()) {
          dirs.add(Path.of(dir));
        }
      }
    }
    dirs.addAll(serverBinDirs());
    for (Path dir : dirs) {
      Optional<Path> found = check(dir.resolve("pgbench"));
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  /** Every path looked at, absolute, in order; when pgbench was found, it is the last. */
  public List<Path> searched() {
    return List.copyOf(searched);
  }

  /** Whether {@code candidate} is a pgbench this locator would run. */
  static boolean runnable(Path candidate) {
    return Files.isRegularFile(candidate) && Files.isExecutable(candidate);
  }

  private Optional<Path> check(Path candidate) {
    Path absolute = candidate.toAbsolutePath().normalize();
    searched.add(absolute);
    return runnable(absolute) ? Optional.of(absolute) : Optional.empty();
  }

  private List<Path> serverBinDirs() {
    List<Path> versions = new ArrayList<>();
    for (Path root : serverRoots) {
      children(root, versions);
    }
    return versions.stream().sorted(Comparator.reverseOrder()).map(d -> d.resolve("bin")).toList();
  }

  private static void children(Path dir, List<Path> into) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, Files::isDirectory)) {
      stream.forEach(into::add);
    } catch (IOException e) {
      // unreadable: nothing to find there
    }
  }
}
