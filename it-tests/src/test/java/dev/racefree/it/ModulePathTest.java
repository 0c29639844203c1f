package dev.racefree.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.racefree.Racefree;
import dev.racefree.db.RacefreeMigrations;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The published jars resolve on the module path under their stable module names. */
class ModulePathTest {

  @Test
  void core_and_db_are_modules_named_for_their_packages() throws Exception {
    assertThat(moduleOf(Racefree.class).name()).isEqualTo("dev.racefree.core");
    assertThat(moduleOf(RacefreeMigrations.class).name()).isEqualTo("dev.racefree.db");
    assertThat(moduleOf(Racefree.class).packages())
        .contains("dev.racefree", "dev.racefree.result", "dev.racefree.exception");
  }

  private static ModuleDescriptor moduleOf(Class<?> type) throws Exception {
    Path jar = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    assertThat(jar.toString())
        .as("the reactor puts the packaged jar on the test class path")
        .endsWith(".jar");
    return ModuleFinder.of(jar).findAll().stream()
        .map(ModuleReference::descriptor)
        .findFirst()
        .orElseThrow();
  }
}
