package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.db.RacefreeMigrations;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * core is a real module: a consumer module on the module path compiles against the three API
 * packages, runs a debit against the test database, and can neither compile against nor reflect
 * into an internal package.
 */
@ExtendWith(PostgresExtension.class)
class ModulePathTest {

  private static final List<String> API =
      List.of("dev.racefree", "dev.racefree.exception", "dev.racefree.result");

  private static final String MODULE_INFO =
      """
      module racefree.consumer {
        requires dev.racefree.core;
      }
      """;

  private static final String MAIN =
      """
      package consumer;

      import dev.racefree.Racefree;
      import dev.racefree.result.Debited;
      import java.sql.Connection;
      import java.sql.DriverManager;
      import java.util.TreeSet;
      import org.jooq.SQLDialect;
      import org.jooq.impl.DSL;

      public class Main {
        public static void main(String[] args) throws Exception {
          try (Connection c = DriverManager.getConnection(args[0], args[1], args[2])) {
            Racefree rf = Racefree.using(DSL.using(c, SQLDialect.POSTGRES));
            long id = rf.accounts().open("module-path", "EUR");
            rf.accounts().credit(id, 100);
            Debited debited = (Debited) rf.accounts().debit(id, 30);
            System.out.println("balance=" + debited.balance());
          }
          TreeSet<String> exported = new TreeSet<>();
          Racefree.class.getModule().getDescriptor().exports().forEach(e -> exported.add(e.source()));
          System.out.println("exports=" + exported);
          Class<?> internal = Class.forName("dev.racefree.internal.check.Check");
          try {
            internal.getMethod("id", long.class, String.class).invoke(null, 1L, "id");
            System.out.println("internal=reachable");
          } catch (IllegalAccessException e) {
            System.out.println("internal=refused");
          }
        }
      }
      """;

  private static final String SNEAKY =
      """
      package consumer;

      import dev.racefree.internal.check.Check;

      public class Sneaky {
        public static long id() {
          return Check.id(1L, "id");
        }
      }
      """;

  @Test
  void a_consumer_module_uses_the_api_and_cannot_reach_an_internal_package(
      DSLContext dsl, @TempDir Path dir) throws Exception {
    String modulePath = modulePath();

    Path src = dir.resolve("src");
    write(src.resolve("module-info.java"), MODULE_INFO);
    write(src.resolve("consumer/Main.java"), MAIN);
    Path classes = dir.resolve("classes");
    Compiled api =
        compile(
            modulePath,
            classes,
            src.resolve("module-info.java"),
            src.resolve("consumer/Main.java"));
    assertThat(api.ok()).as("the consumer compiles against the API: %s", api.log()).isTrue();

    Path sneakySrc = dir.resolve("sneaky");
    write(sneakySrc.resolve("module-info.java"), MODULE_INFO);
    write(sneakySrc.resolve("consumer/Sneaky.java"), SNEAKY);
    Compiled sneaky =
        compile(
            modulePath,
            dir.resolve("sneaky-classes"),
            sneakySrc.resolve("module-info.java"),
            sneakySrc.resolve("consumer/Sneaky.java"));
    assertThat(sneaky.ok())
        .as("a consumer that imports an internal package must not compile")
        .isFalse();
    assertThat(sneaky.log()).contains("dev.racefree.internal.check");

    TestServer server = TestDatabase.get().server;
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                modulePath + java.io.File.pathSeparator + classes,
                "--add-modules",
                "org.postgresql.jdbc",
                "-Dorg.jooq.no-logo=true",
                "-Dorg.jooq.no-tips=true",
                "-m",
                "racefree.consumer/consumer.Main",
                server.jdbcUrl(),
                server.user(),
                server.password())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the consumer ends").isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    assertThat(out)
        .contains("balance=70")
        .contains("exports=" + API)
        .contains("internal=refused")
        .doesNotContain("internal=reachable");
    assertThat(
            dsl.fetchCount(
                dev.racefree.internal.schema.Tables.ACCOUNTS,
                dev.racefree.internal.schema.Tables.ACCOUNTS.EXTERNAL_NAME.isNull()))
        .isEqualTo(1);
  }

  @Test
  void core_exports_exactly_the_api_and_db_is_named_for_its_package() throws Exception {
    ModuleDescriptor core = moduleOf(Racefree.class);
    assertThat(core.name()).isEqualTo("dev.racefree.core");
    assertThat(core.isAutomatic()).as("core declares a module-info").isFalse();
    assertThat(core.exports().stream().map(ModuleDescriptor.Exports::source).sorted())
        .containsExactlyElementsOf(API);
    assertThat(core.exports()).allMatch(e -> !e.isQualified());
    assertThat(core.packages()).anyMatch(p -> p.startsWith("dev.racefree.internal."));
    assertThat(moduleOf(RacefreeMigrations.class).name()).isEqualTo("dev.racefree.db");
  }

  private record Compiled(boolean ok, String log) {}

  private static Compiled compile(String modulePath, Path out, Path... sources) {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    List<String> args =
        Stream.concat(
                Stream.of("--module-path", modulePath, "-d", out.toString(), "-proc:none"),
                Stream.of(sources).map(Path::toString))
            .toList();
    int exit = javac.run(null, log, log, args.toArray(String[]::new));
    return new Compiled(exit == 0, log.toString(StandardCharsets.UTF_8));
  }

  /** The jars a consumer of core needs: core, jOOQ and what jOOQ requires, JSpecify, the driver. */
  private static String modulePath() {
    return Stream.of(
            "dev.racefree.Racefree",
            "org.jooq.DSLContext",
            "org.reactivestreams.Publisher",
            "io.r2dbc.spi.ConnectionFactory",
            "org.jspecify.annotations.Nullable",
            "org.postgresql.Driver")
        .map(ModulePathTest::load)
        .map(ModulePathTest::jarOf)
        .map(Path::toString)
        .distinct()
        .collect(Collectors.joining(java.io.File.pathSeparator));
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(name + " is not on the test class path", e);
    }
  }

  private static Path jarOf(Class<?> type) {
    try {
      Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      assertThat(jar.toString())
          .as("the reactor puts the packaged jar of %s on the test class path", type)
          .endsWith(".jar");
      return jar;
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ModuleDescriptor moduleOf(Class<?> type) {
    return ModuleFinder.of(jarOf(type)).findAll().stream()
        .map(ModuleReference::descriptor)
        .findFirst()
        .orElseThrow();
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
