package dev.racefree.lab.baselines;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The locator looks exactly where it says, in order, and says so with absolute paths. */
class PgbenchLocatorTest {

  @TempDir Path tmp;

  private static Path file(Path dir, String mode) throws IOException {
    Files.createDirectories(dir);
    Path f = dir.resolve("pgbench");
    Files.writeString(f, "#!/bin/sh\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(mode));
    return f;
  }

  private static String path(Object... dirs) {
    return String.join(File.pathSeparator, List.of(dirs).stream().map(Object::toString).toList());
  }

  @Test
  void on_path_it_skips_what_is_not_executable_and_stops_at_the_first_that_is() throws IOException {
    Path notExecutable = file(tmp.resolve("a"), "rw-r--r--");
    Path first = file(tmp.resolve("b"), "rwxr-xr-x");
    file(tmp.resolve("c"), "rwxr-xr-x");
    PgbenchLocator locator =
        new PgbenchLocator(
            path("relative/dir", tmp.resolve("a"), tmp.resolve("b"), tmp.resolve("c")),
            List.of(tmp.resolve("roots")));

    assertThat(locator.find(null)).contains(first);
    assertThat(locator.searched())
        .containsExactly(Path.of("relative/dir/pgbench").toAbsolutePath(), notExecutable, first);
  }

  @Test
  void beside_server_binaries_the_newest_version_comes_first_and_a_miss_names_every_place()
      throws IOException {
    Path roots = tmp.resolve("postgresql");
    Files.createDirectories(roots.resolve("15/bin"));
    Path v16 = file(roots.resolve("16/bin"), "rwxr-xr-x");
    PgbenchLocator found = new PgbenchLocator(path(tmp.resolve("empty")), List.of(roots));
    assertThat(found.find(null)).contains(v16);
    assertThat(found.searched()).containsExactly(tmp.resolve("empty/pgbench"), v16);

    Files.delete(v16);
    PgbenchLocator missing =
        new PgbenchLocator(path(tmp.resolve("empty")), List.of(roots, tmp.resolve("absent")));
    assertThat(missing.find(null)).isEmpty();
    assertThat(missing.searched())
        .containsExactly(
            tmp.resolve("empty/pgbench"),
            roots.resolve("16/bin/pgbench"),
            roots.resolve("15/bin/pgbench"));
  }

  @Test
  void a_path_given_is_the_only_place_looked_at() throws IOException {
    file(tmp.resolve("on-path"), "rwxr-xr-x");
    PgbenchLocator locator = new PgbenchLocator(path(tmp.resolve("on-path")), List.of());
    Path given = tmp.resolve("nowhere/pgbench");

    assertThat(locator.find(given)).isEmpty();
    assertThat(locator.searched()).containsExactly(given);
  }

  /** On this machine, whatever it has: each place is absolute and the verdict on it is true. */
  @Test
  void on_this_machine_every_place_searched_is_absolute_and_only_the_last_may_hold_pgbench() {
    PgbenchLocator locator = new PgbenchLocator();
    Optional<Path> found = locator.find(null);
    List<Path> searched = locator.searched();

    assertThat(searched).isNotEmpty().allSatisfy(p -> assertThat(p).isAbsolute());
    assertThat(searched.subList(0, searched.size() - (found.isPresent() ? 1 : 0)))
        .as("places reported as without pgbench")
        .noneMatch(PgbenchLocator::runnable);
    found.ifPresent(
        p -> assertThat(searched.getLast()).isEqualTo(p).matches(PgbenchLocator::runnable));
  }
}
