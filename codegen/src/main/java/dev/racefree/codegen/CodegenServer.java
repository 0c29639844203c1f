package dev.racefree.codegen;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The PostgreSQL that codegen reads: {@code -Dracefree.codegen.jdbcUrl} (with {@code .user} and
 * {@code .password}) when given, otherwise an embedded server from Maven Central binaries.
 */
final class CodegenServer implements AutoCloseable {

  private final DataSource dataSource;
  private final EmbeddedPostgres embedded;

  private CodegenServer(DataSource dataSource, EmbeddedPostgres embedded) {
    this.dataSource = dataSource;
    this.embedded = embedded;
  }

  static CodegenServer start() throws IOException {
    String url = System.getProperty("racefree.codegen.jdbcUrl", "").strip();
    if (!url.isEmpty()) {
      PGSimpleDataSource ds = new PGSimpleDataSource();
      ds.setUrl(url);
      ds.setUser(System.getProperty("racefree.codegen.user"));
      ds.setPassword(System.getProperty("racefree.codegen.password"));
      return new CodegenServer(ds, null);
    }
    EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
    return new CodegenServer(pg.getPostgresDatabase(), pg);
  }

  DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() throws IOException {
    if (embedded != null) {
      embedded.close();
    }
  }
}
