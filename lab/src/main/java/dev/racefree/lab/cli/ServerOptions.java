package dev.racefree.lab.cli;

import dev.racefree.lab.server.Connect;
import dev.racefree.lab.server.LabServer;
import java.io.IOException;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** Which PostgreSQL the lab runs against: an embedded one by default, or the one given. */
final class ServerOptions {

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description =
          "Run against this PostgreSQL (schema racefree is migrated, the lab's accounts are left there). "
              + "Default: an embedded PostgreSQL started with fsync=on and synchronous_commit=on.")
  @Nullable String jdbcUrl;

  @Option(names = "--user", description = "User for --jdbc-url.")
  @Nullable String user;

  @Option(names = "--password", description = "Password for --jdbc-url.", interactive = false)
  @Nullable String password;

  boolean given() {
    return jdbcUrl != null && !jdbcUrl.isBlank();
  }

  /** The server given with {@code --jdbc-url}; only when {@link #given}. */
  Connect connect() {
    String url = jdbcUrl;
    if (url == null || url.isBlank()) {
      throw new IllegalArgumentException("this needs --jdbc-url");
    }
    return new Connect(url, user, password);
  }

  /** The server named, migrated, or an embedded one with production durability. */
  LabServer start() throws IOException {
    return given() ? LabServer.migrated(connect()) : LabServer.embedded(true);
  }
}
