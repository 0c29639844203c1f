package dev.racefree.lab.server;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.function;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A streamed base backup of a running primary made with SQL alone (the embedded binaries have no
 * {@code pg_basebackup}): {@code pg_backup_start}, a copy of the data directory, {@code
 * pg_backup_stop}, whose label goes into the copy. The WAL the copy needs is kept by a physical
 * replication slot made first, and the standby streams it from there.
 */
final class BaseBackup {

  /** The log the lab's {@code pg_ctl} writes, inside each data directory; never copied. */
  static final String LAB_LOG = "racefree-lab.log";

  /** What a base backup leaves out: the running server's own state and its WAL. */
  private static final Set<String> SKIPPED =
      Set.of("postmaster.pid", "postmaster.opts", LAB_LOG, "pg_wal", "pg_replslot", "pg_stat_tmp");

  private BaseBackup() {}

  /** Copies the primary on {@code from} into {@code to}, ready to start as a standby of it. */
  static void copy(DataSource primary, Path from, Path to, String slot) {
    try (Connection c = primary.getConnection()) {
      DSLContext dsl = DSL.using(c, SQLDialect.POSTGRES); // one session: start and stop pair up
      dsl.select(
              function(
                  "pg_create_physical_replication_slot", Object.class, val(slot), inline(true)))
          .fetchSingle();
      dsl.select(function("pg_backup_start", Object.class, val("racefree-standby"), inline(true)))
          .fetchSingle();
      copyTree(from, to);
      String label =
          dsl.select(field(name("labelfile"), String.class))
              .from(table("{0}", function("pg_backup_stop", Object.class, inline(false))))
              .fetchSingle()
              .value1();
      Files.writeString(to.resolve("backup_label"), label);
    } catch (SQLException e) {
      throw new IllegalStateException("base backup of the primary failed", e);
    } catch (IOException e) {
      throw new UncheckedIOException("could not copy the primary's data directory", e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwx------"));
    Files.createDirectories(to.resolve("pg_wal/archive_status"));
    Files.createDirectories(to.resolve("pg_replslot"));
    Files.createDirectories(to.resolve("pg_stat_tmp"));
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path rel = from.relativize(f);
        if (rel.getNameCount() == 0 || SKIPPED.contains(rel.getName(0).toString())) {
          continue;
        }
        try {
          if (Files.isDirectory(f)) {
            Files.createDirectories(to.resolve(rel));
          } else {
            Files.copy(f, to.resolve(rel));
          }
        } catch (java.nio.file.NoSuchFileException gone) {
          // a file the running server removed while it was copied: the WAL replay restores it
        }
      }
    }
  }
}
