package dev.racefree.lab.cli;

import dev.racefree.lab.server.Connect;
import dev.racefree.lab.server.LabServer;
import java.io.IOException;
import picocli.CommandLine.Option;

/** Which PostgreSQL the lab runs against: an embedded one by default, or the one given. */
final class ServerOptions {

  @Option(
      names = "--jdbc-url",
      paramLabel = "URL",
      description =
          "Run against this PostgreSQL (schema racefree is migrated, the lab's accounts are left there). "
              + "Default: an embedded PostgreSQL started with fsync=on and synchronous_commit=on.")
  String jdbcUrl;

  @Option(names = "--user", description = "User for --jdbc-url.")
  String user;

  @Option(names = "--password", description = "Password for --jdbc-url.", interactive = false)
  String password;

  boolean given() {
    return jdbcUrl != null && !jdbcUrl.isBlank();
  }

  Connect connect() {
    return new Connect(jdbcUrl, user, password);
  }

  /** The server named, migrated, or an embedded one with production durability. */
  LabServer start() throws IOException {
    return given() ? LabServer.migrated(connect()) : LabServer.embedded(true);
  }
}
