package dev.racefree.lab.cli;

import dev.racefree.lab.strategies.Strategy;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code racefree-lab}: the top command and its subcommands. Reports go to stdout, progress to
 * stderr.
 *
 * <p>Exit codes: 0 all guarantees held; 1 a racefree strategy lost an update or broke a balance
 * invariant ({@code verify}: the audit found something); 2 bad usage; 3 a racefree strategy hit
 * unexpected errors; 4 the lab itself failed (no server, pgbench crashed, ...).
 */
@Command(
    name = "racefree-lab",
    mixinStandardHelpOptions = true,
    version = "racefree lab 0.1.0",
    description =
        "Races naive read-modify-write against racefree's strategies on a real PostgreSQL,"
            + " and benchmarks racefree against raw JDBC and pgbench running the same SQL.",
    subcommands = {
      RaceCommand.class,
      BenchCommand.class,
      VerifyCommand.class,
      ChaosCommand.class,
      FeedCommand.class,
      QueriesCommand.class,
      CommandLine.HelpCommand.class
    })
public final class LabCommand {

  static final int BROKE_INVARIANT = 1;
  static final int ERRORS = 3;
  static final int LAB_FAILED = 4;

  private LabCommand() {}

  /** Runs the command line and returns the exit code. */
  public static int execute(String... args) {
    quietLibraries();
    return commandLine().execute(args);
  }

  /** The command line as {@link #execute} runs it: its options, its exit codes. */
  static CommandLine commandLine() {
    return new CommandLine(new LabCommand())
        .setCaseInsensitiveEnumValuesAllowed(true)
        .registerConverter(Strategy.class, Strategy::of)
        .setExecutionExceptionHandler(LabCommand::failed);
  }

  /**
   * Bad settings are usage errors; anything else is the lab failing, never a verdict on racefree.
   */
  private static int failed(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    if (e instanceof IllegalArgumentException) {
      cmd.getErr().println("racefree-lab: " + e.getMessage());
      cmd.getErr().println("See: racefree-lab " + cmd.getCommandName() + " --help");
      return cmd.getCommandSpec().exitCodeOnInvalidInput();
    }
    cmd.getErr()
        .println(
            "racefree-lab: the lab failed (exit "
                + LAB_FAILED
                + "), this is no verdict on racefree:");
    e.printStackTrace(cmd.getErr());
    return LAB_FAILED;
  }

  /**
   * jOOQ's banner and tips, and the INFO chatter of Flyway, Hikari and zonky, are not the report.
   */
  private static void quietLibraries() {
    System.setProperty("org.jooq.no-logo", "true");
    System.setProperty("org.jooq.no-tips", "true");
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
  }
}
