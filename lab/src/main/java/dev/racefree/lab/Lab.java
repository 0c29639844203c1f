package dev.racefree.lab;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The race lab: {@code java -jar racefree-lab.jar race|bench}. Reports go to stdout, progress to
 * stderr.
 *
 * <p>Exit codes: 0 all guarantees held; 1 a racefree strategy lost an update or broke a balance
 * invariant; 2 bad usage; 3 a racefree strategy hit unexpected errors.
 */
@Command(name = "racefree-lab", mixinStandardHelpOptions = true, version = "racefree lab 0.1.0",
    description = "Races naive read-modify-write against racefree's strategies on a real PostgreSQL,"
        + " and benchmarks racefree against raw JDBC and pgbench running the same SQL.",
    subcommands = {RaceCommand.class, BenchCommand.class, CommandLine.HelpCommand.class})
public final class Lab {

  static final int BROKE_INVARIANT = 1;
  static final int ERRORS = 3;

  private Lab() {}

  public static void main(String[] args) {
    quietLibraries();
    int code = new CommandLine(new Lab())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .execute(args);
    System.exit(code);
  }

  /** jOOQ's banner and tips, and the INFO chatter of Flyway, Hikari and zonky, are not the report. */
  private static void quietLibraries() {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
  }
}
