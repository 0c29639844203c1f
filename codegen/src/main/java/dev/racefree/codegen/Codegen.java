package dev.racefree.codegen;

import dev.racefree.db.RacefreeMigrations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jooq.codegen.GenerationTool;

/**
 * Generates racefree's jOOQ classes from a real PostgreSQL.
 *
 * <p>Starts an embedded PostgreSQL (or uses {@code -Dracefree.codegen.jdbcUrl}), applies racefree's
 * migrations with {@link RacefreeMigrations}, the same entry point applications use, and runs
 * jOOQ's generator on the live catalog. Nothing is regenerated when the migrations and the
 * generator settings are what produced the existing output.
 *
 * <p>Arguments: {@code <output directory> <migrations directory>}.
 */
public final class Codegen {

  private Codegen() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      throw new IllegalArgumentException(
          "usage: Codegen <output directory> <migrations directory>");
    }
    Path output = Path.of(args[0]);
    Path migrations = Path.of(args[1]);
    Stamp stamp = Stamp.of(migrations, JooqSettings.FINGERPRINT);
    if (stamp.matches(output)) {
      return; // migrations unchanged: the generated classes are up to date
    }
    try (CodegenServer server = CodegenServer.start()) {
      generate(server.dataSource(), output);
    }
    stamp.writeTo(output);
    System.out.println("[racefree-codegen] generated from " + migrations + " into " + output);
  }

  private static void generate(DataSource dataSource, Path output) throws Exception {
    RacefreeMigrations.migrate(dataSource);
    Files.createDirectories(output);
    try (Connection connection = dataSource.getConnection()) {
      GenerationTool tool = new GenerationTool();
      tool.setConnection(connection);
      tool.run(JooqSettings.configuration(output));
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("jOOQ generation failed", e);
    }
  }
}
