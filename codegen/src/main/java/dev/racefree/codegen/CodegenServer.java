package dev.racefree.codegen;

import dev.racefree.embedded.EmbeddedPostgresServer;
import dev.racefree.embedded.ServerSettings;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL that codegen reads: {@code -Dracefree.codegen.jdbcUrl} (with {@code .user} and
 * {@code .password}) when given, otherwise an embedded server from Maven Central binaries.
 */
final class CodegenServer implements AutoCloseable {

  private final DataSource dataSource;
  private final @Nullable EmbeddedPostgresServer embedded;

  private CodegenServer(DataSource dataSource, @Nullable EmbeddedPostgresServer embedded) {
    this.dataSource = dataSource;
    this.embedded = embedded;
  }

  static CodegenServer start() {
    String url = System.getProperty("racefree.codegen.jdbcUrl", "").strip();
    if (!url.isEmpty()) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(url);
      ds.setUser(System.getProperty("racefree.codegen.user"));
      ds.setPassword(System.getProperty("racefree.codegen.password"));
      return new CodegenServer(ds, null);
    }
    // Reading a catalog needs no durability.
    EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(ServerSettings.defaults());
    return new CodegenServer(pg.dataSource(), pg);
  }

  DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() {
    if (embedded != null) {
      embedded.close();
    }
  }
}
