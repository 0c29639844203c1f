package dev.racefree.codegen;

import dev.racefree.db.RacefreeMigrations;
import java.nio.file.Path;
import org.jooq.codegen.Constants;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.MatcherRule;
import org.jooq.meta.jaxb.Matchers;
import org.jooq.meta.jaxb.MatchersSchemaType;
import org.jooq.meta.jaxb.Strategy;
import org.jooq.meta.jaxb.Target;

/** What jOOQ generates, and from which schema. */
final class JooqSettings {

  /** The package of the generated classes. */
  static final String PACKAGE = "dev.racefree.internal.schema";

  /**
   * The generated schema's class name: not {@code Racefree}, which is the public entry point's
   * simple name.
   */
  static final String SCHEMA_CLASS = "RacefreeSchema";

  /**
   * What the generated classes depend on besides the migrations: the settings below (bump the
   * {@code v} when they change) and the jOOQ generator's version, so the stamp forces a
   * regeneration after either changes.
   */
  static final String FINGERPRINT =
      "jooq-settings-v3;jooq-" + generatorVersion() + ";" + PACKAGE + ";" + SCHEMA_CLASS;

  private JooqSettings() {}

  /**
   * The version of the jOOQ generator this runs with. Read reflectively at run time: javac would
   * inline {@code Constants.VERSION} into this class when it is compiled.
   */
  private static String generatorVersion() {
    try {
      return (String) Constants.class.getField("VERSION").get(null);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot read the jOOQ generator's version", e);
    }
  }

  static Configuration configuration(Path output) {
    return new Configuration()
        .withLogging(Logging.WARN)
        .withGenerator(
            new Generator()
                .withName("org.jooq.codegen.JavaGenerator")
                .withStrategy(
                    new Strategy()
                        .withMatchers(
                            new Matchers()
                                .withSchemas(
                                    new MatchersSchemaType()
                                        .withExpression(RacefreeMigrations.SCHEMA)
                                        .withSchemaClass(
                                            new MatcherRule().withExpression(SCHEMA_CLASS)))))
                .withDatabase(
                    new Database()
                        .withName("org.jooq.meta.postgres.PostgresDatabase")
                        .withInputSchema(RacefreeMigrations.SCHEMA)
                        .withExcludes("flyway_schema_history")
                        .withRecordVersionFields("version"))
                .withGenerate(
                    new Generate()
                        .withRecords(true)
                        .withPojos(false)
                        .withDaos(false)
                        .withJavaTimeTypes(true)
                        .withGeneratedAnnotation(false)
                        .withComments(true)
                        // UDTs.java qualifies a static call by an expression: javac -Werror refuses
                        // it.
                        .withGlobalUDTReferences(false))
                .withTarget(
                    new Target()
                        .withPackageName(PACKAGE)
                        .withDirectory(output.toAbsolutePath().toString())
                        .withClean(true)));
  }
}
