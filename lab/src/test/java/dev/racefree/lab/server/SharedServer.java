package dev.racefree.lab.server;

/**
 * One embedded PostgreSQL shared by the lab test classes that only touch accounts of their own
 * (fsync off: these tests check correctness, not speed), stopped when the JVM exits.
 * VerifyCommandTest audits the whole database, so it keeps a server of its own.
 */
public final class SharedServer {

  private static LabServer server;

  private SharedServer() {}

  public static synchronized LabServer get() throws Exception {
    if (server == null) {
      server = LabServer.embedded(false, 100); // PostgreSQL's stock max_connections
      LabServer started = server;
      Runtime.getRuntime().addShutdownHook(new Thread(started::close));
    }
    return server;
  }
}
