package dev.racefree.lab.baselines;

import dev.racefree.HotStatement;
import dev.racefree.lab.server.Connect;
import dev.racefree.lab.strategies.Strategy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/**
 * Runs pgbench with racefree's SQL ({@link PgbenchScript}) on the lab's server: {@code pgbench -n
 * -M prepared -c N -j N -T secs -f script}, with a per-transaction log from which the latency
 * percentiles are computed the same way as for racefree's own runs. Its connections carry the lab's
 * {@code application_name} ({@code PGAPPNAME}), so the lab can wait for them to be gone before the
 * next runner starts.
 */
public final class Pgbench {

  private static final Pattern TPS =
      Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
  private static final Pattern PROCESSED =
      Pattern.compile("number of transactions actually processed: (\\d+)");
  private static final Pattern FAILED = Pattern.compile("number of failed transactions: (\\d+)");

  private final Path executable;
  private final Connect connect;
  private final String applicationName;

  public Pgbench(Path executable, Connect connect, String applicationName) {
    this.executable = executable;
    this.connect = connect;
    this.applicationName = applicationName;
  }

  /** What a pgbench run reported. */
  public record Run(long processed, long failed, double tps, Histogram latencyMicros) {}

  public String version() throws IOException, InterruptedException {
    return exec(List.of(executable.toString(), "--version"), null).strip();
  }

  public Path executable() {
    return executable;
  }

  /**
   * Runs {@code strategy}'s debits of {@code amount} on accounts {@code loId..hiId}, sending {@code
   * statements} (racefree's, from {@code Racefree.statements()}) through a script written for this
   * run.
   */
  public Run run(
      Strategy strategy,
      List<HotStatement> statements,
      int clients,
      Duration duration,
      long loId,
      long hiId,
      long amount)
      throws IOException, InterruptedException {
    Path dir = Files.createTempDirectory("racefree-pgbench");
    try {
      Path script =
          Files.writeString(
              dir.resolve(strategy.label() + ".sql"), PgbenchScript.of(strategy, statements));
      Properties url = connect.parsed();
      List<String> command =
          new ArrayList<>(
              List.of(
                  executable.toString(),
                  "-n",
                  "-M",
                  "prepared",
                  "-c",
                  String.valueOf(clients),
                  "-j",
                  String.valueOf(clients),
                  "-T",
                  String.valueOf(Math.max(1, duration.toSeconds())),
                  "-f",
                  script.toString(),
                  "-D",
                  "lo=" + loId,
                  "-D",
                  "hi=" + hiId,
                  "-D",
                  "amount=" + amount,
                  "--log",
                  "--log-prefix=" + dir.resolve("txlog"),
                  "-h",
                  url.getProperty("PGHOST", "localhost").split(",", -1)[0],
                  "-p",
                  url.getProperty("PGPORT", "5432").split(",", -1)[0],
                  "-U",
                  connect.effectiveUser(),
                  url.getProperty("PGDBNAME", "postgres")));
      String out = exec(command, dir);
      return new Run(
          find(PROCESSED, out, "processed count"), optional(FAILED, out), tps(out), latencies(dir));
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * pgbench's per-transaction log: {@code client_id transaction_no time_us script_no epoch
   * epoch_us}.
   */
  private static Histogram latencies(Path dir) throws IOException {
    Histogram h = new Histogram(3);
    try (Stream<Path> logs = Files.list(dir)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("txlog")).toList()) {
        try (Stream<String> lines = Files.lines(log)) {
          lines.forEach(line -> {
            String[] f = line.split(" ", -1);
            if (f.length >= 3 && !"skipped".equals(f[2]) && !"failed".equals(f[2])) {
              h.recordValue(Long.parseLong(f[2]));
            }
          });
        }
      }
    }
    return h;
  }

  private String exec(List<String> command, @Nullable Path dir)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    if (dir != null) {
      pb.directory(dir.toFile());
    }
    pb.environment().put("PGAPPNAME", applicationName);
    String password = connect.effectivePassword();
    if (password != null) {
      pb.environment().put("PGPASSWORD", password); // never on the command line
    }
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    if (code != 0) {
      throw new IOException("pgbench exited with " + code + ":\n" + out);
    }
    return out;
  }

  private static long find(Pattern pattern, String out, String what) throws IOException {
    Matcher m = pattern.matcher(out);
    if (!m.find()) {
      throw new IOException("pgbench printed no " + what + ":\n" + out);
    }
    return Long.parseLong(m.group(1));
  }

  private static double tps(String out) throws IOException {
    Matcher m = TPS.matcher(out);
    if (!m.find()) {
      throw new IOException("pgbench printed no tps:\n" + out);
    }
    return Double.parseDouble(m.group(1));
  }

  private static long optional(Pattern pattern, String out) {
    Matcher m = pattern.matcher(out);
    return m.find() ? Long.parseLong(m.group(1)) : 0;
  }
}
