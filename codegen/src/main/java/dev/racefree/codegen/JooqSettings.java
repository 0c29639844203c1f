package dev.racefree.codegen;

import dev.racefree.db.RacefreeMigrations;
import java.nio.file.Path;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.Target;

/** What jOOQ generates, and from which schema. */
final class JooqSettings {

  /** The package of the generated classes. */
  static final String PACKAGE = "dev.racefree.schema";

  /** Change this when the settings below change, so the stamp forces a regeneration. */
  static final String FINGERPRINT = "jooq-settings-v1;" + PACKAGE;

  private JooqSettings() {}

  static Configuration configuration(Path output) {
    return new Configuration()
        .withLogging(Logging.WARN)
        .withGenerator(new Generator()
            .withName("org.jooq.codegen.JavaGenerator")
            .withDatabase(new Database()
                .withName("org.jooq.meta.postgres.PostgresDatabase")
                .withInputSchema(RacefreeMigrations.SCHEMA)
                .withExcludes("flyway_schema_history")
                .withRecordVersionFields("version"))
            .withGenerate(new Generate()
                .withRecords(true)
                .withPojos(false)
                .withDaos(false)
                .withJavaTimeTypes(true)
                .withGeneratedAnnotation(false)
                .withComments(true))
            .withTarget(new Target()
                .withPackageName(PACKAGE)
                .withDirectory(output.toAbsolutePath().toString())
                .withClean(true)));
  }
}
