package dev.racefree.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresServerTest {

  @Test
  void defaults_are_not_durable_run_stock_max_connections_and_leave_no_data_directory_behind()
      throws SQLException {
    Path dataDirectory;
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(ServerSettings.defaults())) {
      dataDirectory = pg.dataDirectory();
      assertThat(show(pg.dataSource(), "fsync")).isEqualTo("off");
      assertThat(show(pg.dataSource(), "synchronous_commit")).isEqualTo("off");
      assertThat(show(pg.dataSource(), "full_page_writes")).isEqualTo("off");
      // PostgreSQL's own default, not the 300 io.zonky.test's builder would set.
      assertThat(show(pg.dataSource(), "max_connections")).isEqualTo("100");
      assertThat(pg.jdbcUrl()).contains(":" + pg.port() + "/");
    }
    assertThat(dataDirectory).doesNotExist();
  }

  @Test
  void a_durable_server_syncs_and_a_named_setting_wins(@TempDir Path dir) throws SQLException {
    ServerSettings settings =
        ServerSettings.defaults()
            .withDurable(true)
            .withServerConfig("synchronous_commit", "remote_write")
            .withServerConfig("max_connections", "42")
            .withDataDirectory(dir.resolve("data"));
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(settings)) {
      assertThat(show(pg.dataSource(), "fsync")).isEqualTo("on");
      assertThat(show(pg.dataSource(), "full_page_writes")).isEqualTo("on");
      assertThat(show(pg.dataSource(), "synchronous_commit")).isEqualTo("remote_write");
      assertThat(show(pg.dataSource(), "max_connections")).isEqualTo("42");
    }
  }

  @Test
  void a_named_data_directory_outlives_the_server_and_restarts_with_its_data(@TempDir Path dir)
      throws SQLException {
    ServerSettings settings = ServerSettings.defaults().withDataDirectory(dir.resolve("data"));
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(settings)) {
      execute(pg.dataSource(), "CREATE TABLE survivor (id int); INSERT INTO survivor VALUES (7)");
    }
    assertThat(Files.exists(dir.resolve("data/PG_VERSION"))).isTrue();
    try (EmbeddedPostgresServer pg = EmbeddedPostgresServer.start(settings)) {
      assertThat(query(pg.dataSource(), "SELECT id FROM survivor")).isEqualTo("7");
    }
  }

  private static String show(DataSource dataSource, String setting) throws SQLException {
    return query(dataSource, "SHOW " + setting);
  }

  private static String query(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static void execute(DataSource dataSource, String sql) throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
